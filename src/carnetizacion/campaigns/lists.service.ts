// The three lists a dependencia sends in a campaign (desvinculados, contratistas, cintas): the liaison sends
// a spreadsheet or typed lines; every row is checked and shown before anything changes, with the name SIPAP
// has for each document; rows whose typed name does not match need the liaison's confirmation; applying is
// one transaction, all rows or none, and applying the same list again changes nothing.
import { createHash } from "node:crypto";
import type { Config } from "../../config.ts";
import { findDependencia } from "../../core/dependencias/dependencias.service.ts";
import {
  findPeopleByDocuments,
  findRolesOfPeople,
  holdsOnlyOrdinaryRoles,
  normalizeDocumentNumber,
  type Person,
} from "../../core/people/people.service.ts";
import type { Storage } from "../../core/storage/storage.types.ts";
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import { type CurrentUser, isSsiStaff } from "../../shared/auth/roles.ts";
import { AppError, forbidden, notFound } from "../../shared/errors.ts";
import { formatDateTime } from "../../shared/time.ts";
import { countOf } from "../../shared/words.ts";
import { readListFile } from "../lists/lists.sheets.ts";
import { parseTypedList } from "../lists/lists.typed.ts";
import * as repo from "./campaigns.repository.ts";
import { type CheckedRow, checkRows, type KnownPerson, mismatchedLines } from "./campaigns.rules.ts";
import type { Campaign, ListKind, ListSubmission } from "./campaigns.table.ts";
import { APPLY, type Applied } from "./lists.effects.ts";

export type { Applied } from "./lists.effects.ts";

/** Lists are received while the campaign is open and its deadline has not passed. */
function assertReceiving(campaign: Campaign, at: Date) {
  if (campaign.state === "cerrada" || at > campaign.deadline)
    throw new AppError(
      "campaigns.closed",
      409,
      `La campaña «${campaign.name}» cerró el ${formatDateTime(campaign.deadline)} (hora de Colombia): ya no se reciben listas. Las personas que faltan quedan para la próxima campaña.`,
    );
}

async function liaisonDependencia(db: Db, user: CurrentUser) {
  const dependencia = user.dependenciaId ? await findDependencia(db, user.dependenciaId) : undefined;
  if (!dependencia)
    throw forbidden(
      "Su cuenta no tiene una dependencia asignada. Pídala a la Subsecretaría de Sistemas de Información.",
    );
  return dependencia;
}

/** What the checks need to know about the people a list names, fetched in one query. */
async function checkContext(
  db: Db,
  dependencia: { id: string; name: string },
  emailDomain: string,
  rows: CheckedRow[],
) {
  const documents = [...new Set(rows.map((r) => normalizeDocumentNumber(r.values.documentNumber ?? "")))];
  const found = await findPeopleByDocuments(db, documents);
  const withCard = await repo.personIdsWithPrintedCard(
    db,
    found.map((p) => p.id),
  );
  const roles = await findRolesOfPeople(
    db,
    found.map((p) => p.id),
  );
  const people = new Map<string, KnownPerson & { person: Person }>(
    found.map((p) => [
      p.documentNumber,
      {
        id: p.id,
        dependenciaId: p.dependenciaId,
        status: p.status,
        hasPrintedCard: withCard.has(p.id),
        isStaff: !holdsOnlyOrdinaryRoles(roles.get(p.id) ?? []),
        firstNames: p.firstNames,
        lastNames: p.lastNames,
        person: p,
      },
    ]),
  );
  return { dependencia, emailDomain, people };
}

/** A spreadsheet, typed lines, or "nobody for this list" (which also counts as sent). */
export type ListInput = { file: { name: string; data: Buffer } } | { typed: string } | { empty: true };

function readInput(input: ListInput, kind: ListKind) {
  if ("file" in input) return readListFile(input.file.data, input.file.name, kind);
  if ("typed" in input) return Promise.resolve(parseTypedList(input.typed, kind));
  return Promise.resolve({ ok: true as const, rows: [] });
}

/**
 * Reads and checks a list and keeps it as a preview (nothing else changes). The original file is kept
 * with the submission. Refused, with the reason, when the file cannot be read or the campaign closed.
 */
export async function submitList(
  db: Db,
  storage: Storage,
  at: Date,
  audit: AuditContext,
  settings: Pick<Config, "entity">,
  user: CurrentUser,
  campaignId: string,
  kind: ListKind,
  input: ListInput,
): Promise<ListSubmission> {
  const campaign = await repo.findCampaign(db, campaignId);
  if (!campaign) throw notFound("La campaña");
  assertReceiving(campaign, at);
  const dependencia = await liaisonDependencia(db, user);
  const read = await readInput(input, kind);
  if (!read.ok) throw new AppError("campaigns.unreadable", 422, read.message);
  const context = await checkContext(db, dependencia, settings.entity.emailDomain, read.rows);
  const { valid, problems } = checkRows(kind, read.rows, context);
  const content = "file" in input ? input.file.data : Buffer.from("typed" in input ? input.typed : "");
  const id = crypto.randomUUID();
  const extension =
    "file" in input ? (/\.(xlsx|xlsm|csv)$/i.exec(input.file.name)?.[1]?.toLowerCase() ?? "bin") : undefined;
  const fileKey = extension ? `submissions/${id}.${extension}` : null;
  // The file first, then the row and its audit in one transaction; if they fail, the file goes too, so
  // a row never names a missing file and no unlisted copy of personal data stays behind.
  if (fileKey && "file" in input) await storage.put(fileKey, input.file.data);
  try {
    return await db.transaction(async (tx) => {
      const submission = await repo.insertSubmission(tx, {
        id,
        campaignId,
        dependenciaId: dependencia.id,
        kind,
        state: "vista_previa",
        fileKey,
        fileName: "file" in input ? input.file.name.slice(0, 200) : null,
        contentHash: createHash("sha256").update(content).digest("hex"),
        rows: valid,
        problems,
        submittedBy: user.id,
        createdAt: at,
      });
      await recordAudit(tx, at, audit, {
        action: "list.previewed",
        targetType: "submission",
        targetId: submission.id,
        details: { kind, rows: valid.length, problems: problems.length },
      });
      return submission;
    });
  } catch (error) {
    if (fileKey) await storage.delete(fileKey).catch(() => {});
    throw error;
  }
}

/** A submission as its liaison (own dependencia only) or SSI may see it. */
export async function viewSubmission(db: Db, user: CurrentUser, id: string) {
  const submission = await repo.findSubmission(db, id);
  if (!submission) throw notFound("El envío");
  if (!isSsiStaff(user.roles) && submission.dependenciaId !== user.dependenciaId)
    throw forbidden("Solo puede ver los envíos de su propia dependencia.");
  const campaign = await repo.findCampaign(db, submission.campaignId);
  if (!campaign) throw notFound("La campaña");
  return { submission, campaign };
}

/**
 * Applies a checked list in one transaction: all rows or none. The rows are checked again against the
 * data as it is now; a list with any bad row cannot be applied (the liaison fixes it and sends it again),
 * nor one with a row whose typed name does not match SIPAP's unless the liaison confirmed that row
 * (`confirmedLines`); the confirmation is kept in the audit row of the list.
 */
export async function applySubmission(
  db: Db,
  at: Date,
  audit: AuditContext,
  settings: Pick<Config, "entity">,
  user: CurrentUser,
  id: string,
  confirmedLines: readonly number[] = [],
): Promise<Applied> {
  const { submission, campaign } = await viewSubmission(db, user, id);
  if (submission.dependenciaId !== user.dependenciaId)
    throw forbidden("Solo la dependencia que envió la lista puede aplicarla.");
  if (submission.state !== "vista_previa")
    throw new AppError("campaigns.already_applied", 409, "Esta lista ya se aplicó.");
  assertReceiving(campaign, at);
  if (submission.problems.length > 0)
    throw new AppError(
      "campaigns.has_problems",
      422,
      "La lista tiene filas con errores. Corríjalas en el archivo y envíelo de nuevo.",
    );
  const dependencia = await liaisonDependencia(db, user);
  return db.transaction(async (tx) => {
    const context = await checkContext(tx, dependencia, settings.entity.emailDomain, submission.rows);
    const recheck = checkRows(submission.kind, submission.rows, context);
    if (recheck.problems.length > 0)
      throw new AppError(
        "campaigns.stale",
        409,
        `Los datos cambiaron desde la vista previa (fila ${recheck.problems[0]?.line}: ${recheck.problems[0]?.message}). Envíe la lista de nuevo.`,
      );
    const mismatched = mismatchedLines(recheck.valid);
    const unconfirmed = mismatched.filter((line) => !confirmedLines.includes(line));
    if (unconfirmed.length > 0)
      throw new AppError(
        "campaigns.unconfirmed_names",
        422,
        `${countOf(unconfirmed.length, "fila tiene", "filas tienen")} un nombre que no coincide con el que tiene SIPAP para ese documento. Confirme que son las personas correctas o corrija el archivo y envíelo de nuevo.`,
      );
    const source = { submissionId: submission.id, campaignId: campaign.id };
    const people = new Map([...context.people].map(([doc, known]) => [doc, known.person]));
    const applied = await APPLY[submission.kind](
      tx,
      at,
      audit,
      recheck.valid,
      people,
      dependencia.id,
      source,
    );
    if (!(await repo.markApplied(tx, submission.id, at, applied.effects)))
      throw new AppError("campaigns.already_applied", 409, "Esta lista ya se aplicó.");
    const byLine = new Map(recheck.valid.map((row) => [row.line, row.values.documentNumber ?? ""]));
    await recordAudit(tx, at, audit, {
      action: "list.applied",
      targetType: "submission",
      targetId: submission.id,
      details: {
        kind: submission.kind,
        ...applied.effects,
        // Who the liaison confirmed despite a name that did not match: by line and person, no names.
        ...(mismatched.length > 0 && {
          namesConfirmed: mismatched.map((line) => ({
            line,
            personId: context.people.get(byLine.get(line) ?? "")?.id ?? null,
          })),
        }),
      },
    });
    return applied;
  });
}

export async function recordFileDownload(db: Db, at: Date, audit: AuditContext, submissionId: string) {
  await recordAudit(db, at, audit, {
    action: "list.file_downloaded",
    targetType: "submission",
    targetId: submissionId,
  });
}
