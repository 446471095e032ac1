// The liaison's routes for the three lists: the open campaigns, the template, the form to send a list, its
// preview and «Aplicar» (with the confirmation of rows whose name does not match SIPAP's).
import type { Hono } from "hono";
import { queueListCredentials } from "../../core/auth/auth.credentials.ts";
import { activeDependencias, findDependencia } from "../../core/dependencias/dependencias.service.ts";
import { mount } from "../../shared/auth/guard.ts";
import { AppError, notFound } from "../../shared/errors.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { type AppContext, type AppEnv, auditContext, requireUser } from "../../shared/http.ts";
import { loggableError } from "../../shared/logger.ts";
import { pageContext } from "../../shared/views/page.ts";
import { formatNumber } from "../../shared/words.ts";
import { XLSX_TYPE } from "../../shared/xlsx.ts";
import { buildTemplate } from "../lists/lists.sheets.ts";
import { LIST_KIND } from "./campaigns.schemas.ts";
import { findCampaign, findOpenCampaigns, listSubmissionsOf } from "./campaigns.service.ts";
import { applySubmission, type ListInput, submitList, viewSubmission } from "./lists.service.ts";
import { ListFormPage, ListsHomePage } from "./lists.views.tsx";
import { PreviewPage } from "./submissions.views.tsx";

export const xlsx = (c: AppContext, file: Buffer, filename: string) => {
  c.header("Content-Type", XLSX_TYPE);
  c.header("Content-Disposition", `attachment; filename="${filename}"`);
  c.header("Cache-Control", "private, no-store");
  return c.body(new Uint8Array(file));
};

export function readKind(c: AppContext) {
  const kind = LIST_KIND.safeParse(c.req.param("kind"));
  if (!kind.success) throw notFound("La lista");
  return kind.data;
}

export async function openCampaignOr404(c: AppContext, id: string) {
  const campaign = await findCampaign(c.var.deps.database.db, id);
  if (!campaign) throw notFound("La campaña");
  return campaign;
}

async function readListInput(c: AppContext): Promise<ListInput | undefined> {
  const body = await c.req.parseBody();
  if (body.file instanceof File && body.file.size > 0)
    return { file: { name: body.file.name, data: Buffer.from(await body.file.arrayBuffer()) } };
  if (typeof body.typed === "string" && body.typed.trim()) return { typed: body.typed };
  if (body.empty === "si") return { empty: true };
  return undefined;
}

/** The rows of a preview the liaison confirmed despite a name that does not match SIPAP's. */
async function readConfirmedLines(c: AppContext): Promise<number[]> {
  const body = await c.req.parseBody({ all: true });
  const values = ([] as unknown[]).concat(body.confirmar ?? []);
  return values.map((value) => Number(value)).filter((line) => Number.isInteger(line) && line > 0);
}

/** Mounts the liaison's list routes on the campaigns app. */
export function mountListRoutes(app: Hono<AppEnv>) {
  mount(app, "lists.home", async (c) => {
    const { database } = c.var.deps;
    const user = requireUser(c);
    const dependencia = user.dependenciaId
      ? await findDependencia(database.db, user.dependenciaId)
      : undefined;
    const campaigns = [];
    for (const campaign of await findOpenCampaigns(database.db)) {
      const applied = await listSubmissionsOf(database.db, {
        campaignId: campaign.id,
        dependenciaId: user.dependenciaId ?? undefined,
        state: "aplicada",
      });
      const sent = Object.fromEntries(applied.map((s) => [s.kind, s.appliedAt ?? s.createdAt]).reverse());
      campaigns.push({ campaign, sent });
    }
    c.header("Cache-Control", "no-store");
    return c.html(
      <ListsHomePage
        ctx={pageContext(c)}
        dependencia={dependencia?.name ?? "su dependencia"}
        campaigns={campaigns}
      />,
    );
  });

  mount(app, "lists.template", async (c) => {
    const kind = readKind(c);
    const { database, config } = c.var.deps;
    const dependencias = (await activeDependencias(database.db)).map((d) => d.name);
    return xlsx(
      c,
      await buildTemplate(kind, { dependencias, emailDomain: config.entity.emailDomain }),
      `plantilla-${kind}.xlsx`,
    );
  });

  mount(app, "lists.form", async (c) => {
    const campaign = await openCampaignOr404(c, c.req.param("campaign") ?? "");
    return c.html(<ListFormPage ctx={pageContext(c)} campaign={campaign} kind={readKind(c)} />);
  });

  mount(app, "lists.submit", async (c) => {
    const { database, storage, clock, config } = c.var.deps;
    const campaign = await openCampaignOr404(c, c.req.param("campaign") ?? "");
    const kind = readKind(c);
    const input = await readListInput(c);
    const again = (errors: Record<string, string>, values?: Record<string, string>) =>
      c.html(
        <ListFormPage ctx={pageContext(c)} campaign={campaign} kind={kind} errors={errors} values={values} />,
        422,
      );
    if (!input) return again({ file: "Elija un archivo o escriba la lista." });
    try {
      const submission = await submitList(
        database.db,
        storage,
        clock.now(),
        auditContext(c),
        config,
        requireUser(c),
        campaign.id,
        kind,
        input,
      );
      return c.redirect(`/dependencia/envios/${submission.id}`, 303);
    } catch (error) {
      // 503: the file store is down; the liaison stays on the form with the message and can retry.
      if (error instanceof AppError && [409, 422, 503].includes(error.status))
        return again(
          "typed" in input ? { typed: error.userMessage } : { file: error.userMessage },
          "typed" in input ? { typed: input.typed } : undefined,
        );
      throw error;
    }
  });

  mount(app, "lists.preview", async (c) => {
    const user = requireUser(c);
    const { submission, campaign } = await viewSubmission(
      c.var.deps.database.db,
      user,
      c.req.param("id") ?? "",
    );
    c.header("Cache-Control", "no-store");
    return c.html(
      <PreviewPage
        ctx={pageContext(c)}
        submission={submission}
        campaign={campaign}
        canApply={submission.dependenciaId === user.dependenciaId}
      />,
    );
  });

  mount(app, "lists.apply", async (c) => {
    const { database, clock, config, jobs, logger } = c.var.deps;
    const user = requireUser(c);
    const id = c.req.param("id") ?? "";
    const confirmed = await readConfirmedLines(c);
    try {
      const applied = await applySubmission(
        database.db,
        clock.now(),
        auditContext(c),
        config,
        user,
        id,
        confirmed,
      );
      // After the commit, as a job: the credentials go out even if this instance stops now, and a person a
      // retry meets again gets no second one. The list stays applied if queueing fails: the hourly sweep
      // issues what is missing.
      await queueListCredentials(jobs, id, user.id, applied.newPeople).catch((error: Error) =>
        logger.error({ err: { message: loggableError(error).message } }, "queueing list credentials failed"),
      );
      return redirectWithFlash(c, `/dependencia/envios/${id}`, "Lista aplicada.");
    } catch (error) {
      if (!(error instanceof AppError) || (error.status !== 409 && error.status !== 422)) throw error;
      const { submission, campaign } = await viewSubmission(database.db, user, id);
      // A name left unconfirmed is an error beside its own box; anything else goes at the top.
      const unconfirmed = submission.rows.filter((row) => row.nameMismatch && !confirmed.includes(row.line));
      const errors =
        error.code === "campaigns.unconfirmed_names" && unconfirmed.length > 0
          ? Object.fromEntries(
              unconfirmed.map((row) => [
                `confirmar-${row.line}`,
                `Fila ${formatNumber(row.line)}: confirme que es ${row.knownName ?? "la persona"} o corrija el archivo.`,
              ]),
            )
          : { _form: error.userMessage };
      return c.html(
        <PreviewPage
          ctx={pageContext(c)}
          submission={submission}
          campaign={campaign}
          canApply
          errors={errors}
          confirmed={confirmed}
        />,
        error.status,
      );
    }
  });
}
