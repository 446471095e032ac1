import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestContext } from "../../../test/app.ts";
import { makePerson } from "../../../test/factories.ts";
import { systemAuditContext } from "../../shared/audit.ts";
import { AppError } from "../../shared/errors.ts";
import { stateTransitions } from "../../shared/transitions.table.ts";
import { moveCard, openCardRequest } from "./cards.service.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.database.close());

const db = () => ctx.database.db;
const now = () => ctx.clock.now();

describe("moving a card through its states", () => {
  it("records every move with who, from, to and why, and counts misprints", async () => {
    const person = await makePerson(ctx);
    const operator = await makePerson(ctx, { roles: ["operador_ssi"] });
    const audit = { ...systemAuditContext, actorId: operator.id };
    const card = await openCardRequest(db(), now(), audit, person.id);
    await moveCard(db(), now(), audit, card.id, "lista_para_imprimir");
    await moveCard(db(), now(), audit, card.id, "impresa");
    const reprinted = await moveCard(
      db(),
      now(),
      audit,
      card.id,
      "lista_para_imprimir",
      "Se imprimió movido",
    );
    expect(reprinted.misprints).toBe(1);
    const rows = await db().select().from(stateTransitions).where(eq(stateTransitions.subjectId, card.id));
    expect(rows.map((r) => `${r.fromState}→${r.toState}`)).toEqual([
      "null→solicitada",
      "solicitada→lista_para_imprimir",
      "lista_para_imprimir→impresa",
      "impresa→lista_para_imprimir",
    ]);
    expect(rows.at(-1)).toMatchObject({ actorId: operator.id, reason: "Se imprimió movido" });
  });

  it("refuses a move the state machine does not allow, and changes nothing", async () => {
    const person = await makePerson(ctx);
    const card = await openCardRequest(db(), now(), systemAuditContext, person.id);
    const attempt = moveCard(db(), now(), systemAuditContext, card.id, "entregada");
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "cards.invalid_transition" });
    const rows = await db().select().from(stateTransitions).where(eq(stateTransitions.subjectId, card.id));
    expect(rows).toHaveLength(1);
  });

  it("does not open a second request while one is open, but does after the card ended", async () => {
    const person = await makePerson(ctx);
    const first = await openCardRequest(db(), now(), systemAuditContext, person.id);
    expect((await openCardRequest(db(), now(), systemAuditContext, person.id)).id).toBe(first.id);
    await moveCard(db(), now(), systemAuditContext, first.id, "cancelada");
    expect((await openCardRequest(db(), now(), systemAuditContext, person.id)).id).not.toBe(first.id);
  });
});
