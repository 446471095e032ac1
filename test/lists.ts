// The steps list tests share: a campaign opened by SSI, a liaison with an e-mail, real names.
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { people } from "../src/core/people/people.table.ts";
import type { TestContext } from "./app.ts";
import { makePerson, signIn } from "./factories.ts";

const DAY = 86_400_000;

/** An SSI operator signed in now (tests move the clock past session lifetimes). */
export const ssiClient = async (ctx: TestContext) =>
  signIn(ctx, await makePerson(ctx, { roles: ["operador_ssi"] }));

export async function openCampaign(ctx: TestContext, daysAhead = 10) {
  const ssi = await ssiClient(ctx);
  const deadline = new Date(ctx.clock.now().getTime() + daysAhead * DAY).toISOString().slice(0, 10);
  const response = await ssi.post("/ssi/campanas", {
    name: `Carnetización ${Math.random().toString(36).slice(2, 7)}`,
    deadlineDay: deadline,
    deadlineTime: "",
    reminderDays: "3",
  });
  expect(response.status).toBe(303);
  return /\/ssi\/campanas\/([0-9a-f-]{36})/.exec(response.headers.get("location") ?? "")?.[1] ?? "";
}

export async function liaisonOf(ctx: TestContext, dependenciaId: string) {
  const person = await makePerson(ctx, { roles: ["enlace"], dependenciaId });
  await ctx.database.db
    .update(people)
    .set({ email: `enlace.${person.documentNumber}@pasto.gov.co` })
    .where(eq(people.id, person.id));
  return { person, client: await signIn(ctx, person) };
}

/** Gives a test person a real name (the factory's surnames carry digits, which a list refuses). */
export async function nameAs(ctx: TestContext, personId: string, firstNames: string, lastNames: string) {
  await ctx.database.db.update(people).set({ firstNames, lastNames }).where(eq(people.id, personId));
  return { firstNames, lastNames };
}

export const previewId = (response: Response) =>
  /\/dependencia\/envios\/([0-9a-f-]{36})/.exec(response.headers.get("location") ?? "")?.[1] ?? "";
