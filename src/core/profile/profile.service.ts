// Self-service: the privacy notice at first login and the person's own data («Mis datos»). The person's
// record is written through people.service.ts, the one update-and-audit path for people.
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import { notFound } from "../../shared/errors.ts";
import {
  findPersonById,
  markPrivacyAccepted,
  notifyPersonChanged,
  updatePersonData,
} from "../people/people.service.ts";
import type { ProfileInput } from "./profile.schemas.ts";

/** Bump when the notice's text changes, so acceptances can be traced to the text read. */
export const NOTICE_VERSION = "2026-11";

export async function acceptNotice(db: Db, at: Date, audit: AuditContext, personId: string) {
  await db.transaction(async (tx) => {
    await markPrivacyAccepted(tx, at, personId);
    await recordAudit(tx, at, audit, {
      action: "privacy.accepted",
      targetType: "person",
      targetId: personId,
      details: { version: NOTICE_VERSION },
    });
  });
}

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
    const { firstNames, lastNames, position, email, phone, bloodType } = input;
    const changed = await updatePersonData(tx, at, audit, before, {
      firstNames,
      lastNames,
      position,
      email,
      phone,
      bloodType,
    });
    // Completing the data may be what the card request was waiting for.
    if (changed) await notifyPersonChanged(tx, at, audit, personId);
  });
}
