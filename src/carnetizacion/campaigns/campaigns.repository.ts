import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { isUuid } from "../../shared/ids.ts";
import { cards } from "../cards/cards.table.ts";
import {
  type Campaign,
  campaignReminders,
  campaigns,
  type ListKind,
  type ListSubmission,
  listSubmissions,
} from "./campaigns.table.ts";

export async function insertCampaign(db: Db, values: typeof campaigns.$inferInsert): Promise<Campaign> {
  const [row] = await db.insert(campaigns).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function findCampaign(db: Db, id: string): Promise<Campaign | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(campaigns).where(eq(campaigns.id, id));
  return row;
}

/** The most recently opened campaign (open or closed). */
export async function findLatestCampaign(db: Db): Promise<Campaign | undefined> {
  const [row] = await db.select().from(campaigns).orderBy(desc(campaigns.createdAt)).limit(1);
  return row;
}

export function listCampaigns(db: Db) {
  return db.select().from(campaigns).orderBy(desc(campaigns.deadline)).limit(50);
}

export function findOpenCampaigns(db: Db) {
  return db.select().from(campaigns).where(eq(campaigns.state, "abierta")).orderBy(asc(campaigns.deadline));
}

export async function updateCampaign(db: Db, id: string, set: Partial<typeof campaigns.$inferInsert>) {
  await db.update(campaigns).set(set).where(eq(campaigns.id, id));
}

export async function insertSubmission(
  db: Db,
  values: typeof listSubmissions.$inferInsert,
): Promise<ListSubmission> {
  const [row] = await db.insert(listSubmissions).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function findSubmission(db: Db, id: string): Promise<ListSubmission | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(listSubmissions).where(eq(listSubmissions.id, id));
  return row;
}

/** Marks a preview applied only if it still is one: two clicks on "Aplicar" apply once. */
export async function markApplied(db: Db, id: string, at: Date, effects: Record<string, number>) {
  const rows = await db
    .update(listSubmissions)
    .set({ state: "aplicada", appliedAt: at, effects })
    .where(and(eq(listSubmissions.id, id), eq(listSubmissions.state, "vista_previa")))
    .returning({ id: listSubmissions.id });
  return rows.length === 1;
}

export function listSubmissionsOf(
  db: Db,
  filter: { campaignId: string; dependenciaId?: string; kind?: ListKind; state?: ListSubmission["state"] },
) {
  return db
    .select({
      id: listSubmissions.id,
      campaignId: listSubmissions.campaignId,
      dependenciaId: listSubmissions.dependenciaId,
      kind: listSubmissions.kind,
      state: listSubmissions.state,
      fileName: listSubmissions.fileName,
      fileKey: listSubmissions.fileKey,
      effects: listSubmissions.effects,
      createdAt: listSubmissions.createdAt,
      appliedAt: listSubmissions.appliedAt,
      // The count only: a list may hold thousands of rows, and dashboards read many submissions.
      rowCount: sql<number>`jsonb_array_length(${listSubmissions.rows})`.mapWith(Number),
    })
    .from(listSubmissions)
    .where(
      and(
        eq(listSubmissions.campaignId, filter.campaignId),
        filter.dependenciaId ? eq(listSubmissions.dependenciaId, filter.dependenciaId) : undefined,
        filter.kind ? eq(listSubmissions.kind, filter.kind) : undefined,
        filter.state ? eq(listSubmissions.state, filter.state) : undefined,
      ),
    )
    .orderBy(desc(listSubmissions.createdAt));
}

/** The rows of every applied list of one kind in a campaign, for the consolidated export. */
export function findAppliedRows(db: Db, campaignId: string, kind: ListKind) {
  return db
    .select({
      dependenciaId: listSubmissions.dependenciaId,
      appliedAt: listSubmissions.appliedAt,
      rows: listSubmissions.rows,
    })
    .from(listSubmissions)
    .where(
      and(
        eq(listSubmissions.campaignId, campaignId),
        eq(listSubmissions.kind, kind),
        eq(listSubmissions.state, "aplicada"),
      ),
    )
    .orderBy(asc(listSubmissions.appliedAt));
}

/** People of the given documents who hold a printed card still in circulation. */
export async function personIdsWithPrintedCard(db: Db, personIds: string[]) {
  if (personIds.length === 0) return new Set<string>();
  const rows = await db
    .select({ personId: cards.personId })
    .from(cards)
    .where(
      and(
        inArray(cards.personId, personIds),
        inArray(cards.state, ["impresa", "lista_para_entrega", "entregada"]),
      ),
    );
  return new Set(rows.map((r) => r.personId));
}

export async function recordReminder(
  db: Db,
  campaignId: string,
  personId: string,
  moment: "antes" | "dia",
  at: Date,
) {
  const rows = await db
    .insert(campaignReminders)
    .values({ campaignId, personId, moment, sentAt: at })
    .onConflictDoNothing()
    .returning({ personId: campaignReminders.personId });
  return rows.length === 1;
}
