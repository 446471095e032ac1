// Self-service: the privacy notice at first login and the person's own data.
import { eq } from "drizzle-orm";
import { refreshCardReadiness } from "../../carnetizacion/cards/cards.service.ts";
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import { notFound } from "../../shared/errors.ts";
import { findPersonById } from "../people/people.service.ts";
import { people } from "../people/people.table.ts";
import type { ProfileInput } from "./profile.schemas.ts";

/** Bump when the notice's text changes, so acceptances can be traced to the text read. */
export const NOTICE_VERSION = "2026-11";

export async function acceptNotice(db: Db, at: Date, audit: AuditContext, personId: string) {
  await db.transaction(async (tx) => {
    await tx.update(people).set({ privacyAcceptedAt: at }).where(eq(people.id, personId));
    await recordAudit(tx, at, audit, {
      action: "privacy.accepted",
      targetType: "person",
      targetId: personId,
      details: { version: NOTICE_VERSION },
    });
  });
}

const EDITABLE = ["firstNames", "lastNames", "position", "email", "phone", "bloodType"] as const;

/** Saves the person's corrections; the audit row lists which fields changed, before and after. */
export async function updateOwnData(
  db: Db,
  at: Date,
  audit: AuditContext,
  personId: string,
  input: ProfileInput,
) {
  await db.transaction(async (tx) => {
    const before = await findPersonById(tx, personId);
    if (!before) throw notFound("La persona");
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    for (const field of EDITABLE)
      if (before[field] !== input[field]) changes[field] = { before: before[field], after: input[field] };
    if (Object.keys(changes).length === 0) return;
    await tx
      .update(people)
      .set({ ...input, updatedAt: at })
      .where(eq(people.id, personId));
    await recordAudit(tx, at, audit, {
      action: "person.data_updated",
      targetType: "person",
      targetId: personId,
      details: changes,
    });
    // Completing the data may be what the card request was waiting for.
    await refreshCardReadiness(tx, at, audit, personId);
  });
}
