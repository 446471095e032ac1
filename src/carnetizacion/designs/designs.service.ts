// Card designs: the one in use (an administrator's upload, or SIPAP's default), uploads checked before
// they are stored, previews with sample data, and switching designs. Rendering is in designs.render.ts.
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import { notFound } from "../../shared/errors.ts";
import { DEFAULT_DESIGN, renderPreviewPng, sampleCardData } from "./designs.render.ts";
import * as repo from "./designs.repository.ts";
import { type DesignFaces, validateDesign } from "./designs.rules.ts";
import type { CardDesign } from "./designs.table.ts";

export { type CardPrintData, renderBatchPdf } from "./designs.render.ts";
export const listDesigns = repo.listDesigns;

const DEFAULT_NAME = "Predeterminado de SIPAP";

/** The design new batches use. */
export async function currentDesign(db: Db): Promise<DesignFaces> {
  const active = await repo.findActiveDesign(db);
  return active ? { front: active.front, back: active.back ?? undefined } : DEFAULT_DESIGN;
}

export interface DesignView extends DesignFaces {
  id: string;
  name: string;
  hasBack: boolean;
  active: boolean;
}

/** A design by id; "actual" is the one in use and "predeterminado" SIPAP's own. */
export async function designFaces(db: Db, id: string): Promise<DesignView> {
  const active = await repo.findActiveDesign(db);
  const design =
    id === "actual" ? active : id === "predeterminado" ? undefined : await repo.findDesign(db, id);
  if (!design) {
    if (id !== "actual" && id !== "predeterminado") throw notFound("El diseño");
    return { id: "predeterminado", name: DEFAULT_NAME, ...DEFAULT_DESIGN, hasBack: true, active: !active };
  }
  return {
    id: design.id,
    name: design.name,
    front: design.front,
    back: design.back ?? undefined,
    hasBack: design.back !== null,
    active: design.active,
  };
}

export type UploadResult =
  | { ok: true; design: CardDesign }
  | { ok: false; field: "front" | "back"; message: string };

/** Stores an uploaded design (not in use yet) once it passes every check; nothing is stored otherwise. */
export async function uploadDesign(
  db: Db,
  at: Date,
  audit: AuditContext,
  input: { name: string; front: string; back?: string },
): Promise<UploadResult> {
  const front = validateDesign({ front: input.front });
  if (!front.ok) return { ok: false, field: "front", message: front.message };
  if (input.back !== undefined) {
    const both = validateDesign({ front: input.front, back: input.back });
    if (!both.ok) return { ok: false, field: "back", message: both.message };
  }
  const design = await repo.insertDesign(db, {
    name: input.name,
    front: input.front,
    back: input.back ?? null,
    createdBy: audit.actorId,
    createdAt: at,
  });
  await recordAudit(db, at, audit, { action: "design.uploaded", targetType: "design", targetId: design.id });
  return { ok: true, design };
}

export async function previewDesign(db: Db, entityName: string, id: string, face: "front" | "back") {
  const design = await designFaces(db, id);
  return renderPreviewPng(design, await sampleCardData(entityName), face);
}

/** Puts a design in use for the next batches; "predeterminado" goes back to SIPAP's own. */
export async function activateDesign(db: Db, at: Date, audit: AuditContext, id: string) {
  const design = id === "predeterminado" ? undefined : await repo.findDesign(db, id);
  if (id !== "predeterminado" && !design) throw notFound("El diseño");
  await db.transaction(async (tx) => {
    await repo.activate(tx, design?.id ?? null);
    await recordAudit(tx, at, audit, {
      action: "design.activated",
      targetType: "design",
      targetId: design?.id ?? "predeterminado",
    });
  });
}
