// Evidence downloads: staff and the reporting dependencia (checked per file, audited), the public copy of
// what control interno published, and control interno's switch that publishes a file. Files are always sent
// as attachments, never rendered by the browser, with their SHA-256 so anyone can check what they got.
import type { Readable } from "node:stream";
import { Hono } from "hono";
import { toWebStream } from "../../core/storage/storage.types.ts";
import { mount } from "../../shared/auth/guard.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { readForm } from "../../shared/forms.ts";
import { type AppContext, type AppEnv, auditContext, requireUser } from "../../shared/http.ts";
import {
  openEvidence,
  openPublicEvidence,
  type PlanEvidence,
  setEvidencePublic,
} from "./evidence.service.ts";

const evidenceId = (c: AppContext) => c.req.param("evidenceId") ?? "";

/** «Informe final.pdf» as an ASCII fallback and as UTF-8 (RFC 6266 / 8187), with nothing that breaks the header. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\%;]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** RFC 9530: `sha-256=:<base64>:`. */
export const reprDigest = (sha256Hex: string) =>
  `sha-256=:${Buffer.from(sha256Hex, "hex").toString("base64")}:`;

function sendFile(c: AppContext, evidence: PlanEvidence, stream: Readable, cache: string) {
  c.header("Content-Type", evidence.contentType);
  c.header("Content-Disposition", contentDisposition(evidence.fileName));
  c.header("Content-Length", String(evidence.size));
  c.header("X-Content-Type-Options", "nosniff");
  c.header("Repr-Digest", reprDigest(evidence.sha256));
  c.header("Cache-Control", cache);
  return c.body(toWebStream(stream));
}

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
/** Back to the follow-up sheet (and its activity) when OCI marked the file there; only that exact shape. */
const FOLLOWUP_RETURN = new RegExp(`^/seguimientos/${UUID}(\\?componente=${UUID})?(#a-${UUID})?$`);

export function evidenceRoutes() {
  const app = new Hono<AppEnv>();

  mount(app, "evidence.download", async (c) => {
    const { evidence, stream } = await openEvidence(
      c.var.deps,
      auditContext(c),
      requireUser(c),
      evidenceId(c),
    );
    return sendFile(c, evidence, stream, "private, no-store");
  });

  mount(app, "evidence.makePublic", async (c) => {
    const { database, clock } = c.var.deps;
    const form = await readForm(c);
    const makePublic = form.publica !== "no";
    const { evidence, reportId } = await setEvidencePublic(
      database.db,
      clock.now(),
      auditContext(c),
      evidenceId(c),
      makePublic,
    );
    return redirectWithFlash(
      c,
      FOLLOWUP_RETURN.test(form.volver ?? "") ? (form.volver as string) : `/reportes/${reportId}`,
      makePublic
        ? `«${evidence.fileName}» quedó pública: se podrá descargar desde el seguimiento publicado del plan.`
        : `«${evidence.fileName}» ya no es pública.`,
    );
  });

  mount(app, "transparency.evidence", async (c) => {
    const { evidence, stream } = await openPublicEvidence(c.var.deps, evidenceId(c));
    // Short: control interno may withdraw a file, and shared caches should follow soon.
    return sendFile(c, evidence, stream, "public, max-age=300");
  });

  return app;
}
