import { Hono } from "hono";
import { z } from "zod";
import { dependenciaOptions } from "../../core/dependencias/dependencias.service.ts";
import { mount } from "../../shared/auth/guard.ts";
import { AppError, notFound } from "../../shared/errors.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { readForm, readFormList } from "../../shared/forms.ts";
import { type AppContext, type AppEnv, auditContext } from "../../shared/http.ts";
import { pageContext } from "../../shared/views/page.ts";
import { countOf, formatNumber, pluralize } from "../../shared/words.ts";
import { queueBatchRender } from "./batches.jobs.ts";
import {
  batchUrlRefusal,
  createBatch,
  downloadBatch,
  findBatch,
  findBatchCards,
  findPrintQueue,
  listBatches,
  MAX_BATCH,
  markBatchReady,
  verifyUrl,
} from "./batches.service.ts";
import { BatchesPage, BatchPage } from "./batches.views.tsx";

const queueSchema = z.object({
  dependencia: z.uuid().optional().catch(undefined),
  dia: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
});

async function renderBatches(c: AppContext, error?: AppError) {
  const { database, config } = c.var.deps;
  const query = queueSchema.parse(c.req.query());
  c.header("Cache-Control", "no-store");
  return c.html(
    <BatchesPage
      ctx={pageContext(c)}
      queue={await findPrintQueue(database.db, { dependenciaId: query.dependencia, day: query.dia })}
      batches={await listBatches(database.db)}
      dependencias={await dependenciaOptions(database.db)}
      filter={{ dependencia: query.dependencia ?? "", dia: query.dia ?? "" }}
      maxBatch={MAX_BATCH}
      qrBase={verifyUrl(config.publicBaseUrl, "")}
      refusal={batchUrlRefusal(config)}
      error={error?.userMessage}
    />,
    error?.status === 409 ? 409 : error ? 422 : 200,
  );
}

export function batchesRoutes() {
  const app = new Hono<AppEnv>();

  mount(app, "batches.list", (c) => renderBatches(c));

  mount(app, "batches.create", async (c) => {
    const { database, storage, clock, config } = c.var.deps;
    const form = await readForm(c);
    const ids = await readFormList(c, form.which === "all" ? "all" : "cards");
    try {
      const batch = await createBatch(database.db, storage, clock.now(), auditContext(c), config, ids);
      // Rendered by the job queue: the operator is sent to the batch page, which shows the progress. Were
      // this instance to stop before the job is queued, the resume sweep queues it.
      await queueBatchRender(c.var.deps.jobs, batch.id);
      return redirectWithFlash(
        c,
        `/ssi/lotes/${batch.id}`,
        `Lote creado con ${countOf(batch.total, "carnet", "carnets")}. Generando el PDF…`,
      );
    } catch (error) {
      if (error instanceof AppError && (error.status === 409 || error.status === 422))
        return renderBatches(c, error);
      throw error;
    }
  });

  mount(app, "batches.show", async (c) => {
    const { database, config } = c.var.deps;
    const batch = await findBatch(database.db, c.req.param("id") ?? "");
    if (!batch) throw notFound("El lote");
    c.header("Cache-Control", "no-store");
    if (c.req.header("Accept")?.includes("application/json"))
      return c.json({
        state: batch.state,
        done: batch.done,
        total: batch.total,
        label: `${formatNumber(batch.done)} de ${countOf(batch.total, "carnet", "carnets")}`,
      });
    return c.html(
      <BatchPage
        ctx={pageContext(c)}
        batch={batch}
        cards={await findBatchCards(database.db, batch.id)}
        qrBase={verifyUrl(config.publicBaseUrl, "")}
        refusal={batchUrlRefusal(config)}
      />,
    );
  });

  mount(app, "batches.pdf", async (c) => {
    const { database, storage, clock } = c.var.deps;
    const { batch, pdf } = await downloadBatch(
      database.db,
      storage,
      clock.now(),
      auditContext(c),
      c.req.param("id") ?? "",
    );
    c.header("Content-Type", "application/pdf");
    c.header(
      "Content-Disposition",
      `attachment; filename="lote-${batch.createdAt.toISOString().slice(0, 10)}-${batch.id.slice(0, 8)}.pdf"`,
    );
    c.header("Cache-Control", "private, no-store");
    return c.body(new Uint8Array(pdf));
  });

  mount(app, "batches.retry", async (c) => {
    const batch = await findBatch(c.var.deps.database.db, c.req.param("id") ?? "");
    if (!batch) throw notFound("El lote");
    const queued = await queueBatchRender(c.var.deps.jobs, batch.id, true);
    return redirectWithFlash(
      c,
      `/ssi/lotes/${batch.id}`,
      queued ? "Generando el PDF de nuevo…" : "El PDF de este lote ya se está generando.",
    );
  });

  mount(app, "batches.readyAll", async (c) => {
    const { database, clock, config } = c.var.deps;
    const id = c.req.param("id") ?? "";
    try {
      const moved = await markBatchReady(database.db, clock.now(), auditContext(c), config, id);
      return redirectWithFlash(
        c,
        `/ssi/lotes/${id}`,
        `${countOf(moved, "carnet quedó listo", "carnets quedaron listos")} para entregar; ${pluralize(moved, "la persona recibirá", "cada persona recibirá")} un correo.`,
      );
    } catch (error) {
      if (error instanceof AppError && error.status === 409)
        return redirectWithFlash(c, `/ssi/lotes/${id}`, error.userMessage);
      throw error;
    }
  });

  return app;
}
