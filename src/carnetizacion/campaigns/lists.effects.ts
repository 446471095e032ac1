// What applying each kind of list changes, inside the list's transaction: people who left are marked
// desvinculadas (their access ends, their cards are retired); contractors are registered or updated and get
// a card request; lanyards are marked pending. Each change is audited with the submission as its source.

import { endAccess } from "../../core/auth/auth.sessions.ts";
import { createPeople, type Person, updatePersonData } from "../../core/people/people.service.ts";
import type { Db } from "../../db/client.ts";
import type { AuditContext } from "../../shared/audit.ts";
import {
  findLatestCard,
  markLanyardPending,
  openCardRequest,
  openCardRequests,
  refreshCardReadiness,
  retireCards,
} from "../cards/cards.service.ts";
import type { CheckedRow } from "./campaigns.rules.ts";
import type { ListKind } from "./campaigns.table.ts";

export interface Applied {
  effects: Record<string, number>;
  /** People created by the list: their initial credentials are issued after the transaction. */
  newPeople: string[];
}

type Applier = (
  db: Db,
  at: Date,
  audit: AuditContext,
  rows: CheckedRow[],
  people: Map<string, Person>,
  dependenciaId: string,
  source: Record<string, string>,
) => Promise<Applied>;

const personOf = (people: Map<string, Person>, row: CheckedRow) => {
  const person = people.get(row.values.documentNumber ?? "");
  if (!person) throw new Error(`row ${row.line}: person vanished after the check`);
  return person;
};

export const APPLY: Record<ListKind, Applier> = {
  async desvinculados(db, at, audit, rows, people, _dependenciaId, source) {
    const effects = { desvinculadas: 0, carnetsInhabilitados: 0, solicitudesCanceladas: 0, sinCambios: 0 };
    for (const row of rows) {
      const person = personOf(people, row);
      const changed = await updatePersonData(db, at, audit, person, { status: "desvinculado" }, source);
      if (changed) await endAccess(db, at, person.id);
      const cards = await retireCards(
        db,
        at,
        audit,
        person.id,
        `Lista de personas desvinculadas (envío ${source.submissionId})`,
      );
      effects.carnetsInhabilitados += cards.disabled;
      effects.solicitudesCanceladas += cards.cancelled;
      if (changed) effects.desvinculadas++;
      else if (cards.disabled + cards.cancelled === 0) effects.sinCambios++;
    }
    return { effects, newPeople: [] };
  },

  async contratistas(db, at, audit, rows, people, dependenciaId, source) {
    const effects = { creadas: 0, actualizadas: 0, solicitudesAbiertas: 0, sinCambios: 0 };
    const dataOf = (values: Record<string, string>) => ({
      firstNames: values.firstNames ?? "",
      lastNames: values.lastNames ?? "",
      email: values.email || null,
      phone: values.phone || null,
      bloodType: values.bloodType || null,
      dependenciaId,
      vinculacion: "ops" as const,
      contractNumber: values.contractNumber || null,
      contractStart: values.contractStart || null,
      contractEnd: values.contractEnd || null,
    });
    // People already in SIPAP: each change audited field by field; a request opened if they have none going.
    for (const { values } of rows) {
      const person = people.get(values.documentNumber ?? "");
      if (!person) continue;
      const changed = await updatePersonData(
        db,
        at,
        audit,
        person,
        // A list never replaces an address the person already has: a credential reset goes there.
        { ...dataOf(values), email: person.email ?? dataOf(values).email, status: "activo" },
        source,
      );
      if (changed) effects.actualizadas++;
      if (await openCardRequestState(db, at, audit, person.id)) effects.solicitudesAbiertas++;
      else if (!changed) effects.sinCambios++;
      // The list may bring the last missing piece (the contract) of someone whose photo is already approved.
      await refreshCardReadiness(db, at, audit, person.id);
    }
    // New people, in batches: a list may bring thousands of contractors at the start of the year.
    const created = await createPeople(
      db,
      at,
      audit,
      rows
        .filter((row) => !people.has(row.values.documentNumber ?? ""))
        .map(({ values }) => ({
          ...dataOf(values),
          documentType: values.documentType as Person["documentType"],
          documentNumber: values.documentNumber ?? "",
        })),
      source,
    );
    await openCardRequests(
      db,
      at,
      audit,
      created.map((p) => p.id),
    );
    effects.creadas = created.length;
    effects.solicitudesAbiertas += created.length;
    return { effects, newPeople: created.map((p) => p.id) };
  },

  async cintas(db, at, audit, rows, people, _dependenciaId, source) {
    const effects = { cintasPendientes: 0, sinCambios: 0 };
    for (const row of rows) {
      const marked = await markLanyardPending(
        db,
        at,
        audit,
        personOf(people, row).id,
        `Lista de cintas ${source.submissionId}`,
      );
      if (marked) effects.cintasPendientes++;
      else effects.sinCambios++;
    }
    return { effects, newPeople: [] };
  },
};

/** Opens the card request when the person has none going; true when one was opened now. */
async function openCardRequestState(db: Db, at: Date, audit: AuditContext, personId: string) {
  const before = await findLatestCard(db, personId);
  return (await openCardRequest(db, at, audit, personId)).id !== before?.id;
}
