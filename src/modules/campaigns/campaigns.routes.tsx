import { Hono } from "hono";
import { mount } from "../../shared/auth/guard.ts";
import { AppError, notFound } from "../../shared/errors.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { parseForm } from "../../shared/forms.ts";
import { type AppContext, type AppEnv, auditContext, requireUser } from "../../shared/http.ts";
import { isUuid } from "../../shared/ids.ts";
import { formatDateTime } from "../../shared/time.ts";
import { pageContext } from "../../shared/views/page.ts";
import { XLSX_TYPE } from "../../shared/xlsx.ts";
import { activeDependencias, findDependencia } from "../dependencias/dependencias.service.ts";
import { campaignSchema, LIST_KIND } from "./campaigns.schemas.ts";
import {
  applySubmission,
  closeCampaign,
  findCampaign,
  findOpenCampaigns,
  issueCredentialsInBackground,
  type ListInput,
  listCampaigns,
  listSubmissionsOf,
  openCampaign,
  recordFileDownload,
  submitList,
  viewSubmission,
} from "./campaigns.service.ts";
import { buildTemplate } from "./campaigns.sheets.ts";
import { campaignDashboard, consolidatedList } from "./campaigns.tracking.ts";
import { CampaignPage, CampaignsPage, ListFormPage, ListsHomePage, PreviewPage } from "./campaigns.views.tsx";

const xlsx = (c: AppContext, file: Buffer, filename: string) => {
  c.header("Content-Type", XLSX_TYPE);
  c.header("Content-Disposition", `attachment; filename="${filename}"`);
  c.header("Cache-Control", "private, no-store");
  return c.body(new Uint8Array(file));
};

function readKind(c: AppContext) {
  const kind = LIST_KIND.safeParse(c.req.param("kind"));
  if (!kind.success) throw notFound("La lista");
  return kind.data;
}

async function openCampaignOr404(c: AppContext, id: string) {
  const campaign = await findCampaign(c.var.deps.database.db, id);
  if (!campaign) throw notFound("La campaña");
  return campaign;
}

async function renderCampaigns(
  c: AppContext,
  errors?: Record<string, string>,
  values?: Record<string, string>,
) {
  return c.html(
    <CampaignsPage
      ctx={pageContext(c)}
      campaigns={await listCampaigns(c.var.deps.database.db)}
      errors={errors}
      values={values}
    />,
    errors ? 422 : 200,
  );
}

/** What the liaison sent: a file, typed lines, or "nobody"; undefined when the form was empty. */
async function readListInput(c: AppContext): Promise<ListInput | undefined> {
  const body = await c.req.parseBody();
  if (body.file instanceof File && body.file.size > 0)
    return { file: { name: body.file.name, data: Buffer.from(await body.file.arrayBuffer()) } };
  if (typeof body.typed === "string" && body.typed.trim()) return { typed: body.typed };
  if (body.empty === "si") return { empty: true };
  return undefined;
}

export function campaignsRoutes() {
  const app = new Hono<AppEnv>();

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
      if (error instanceof AppError && (error.status === 422 || error.status === 409))
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
    const { database, clock, config, logger } = c.var.deps;
    const user = requireUser(c);
    const id = c.req.param("id") ?? "";
    try {
      const applied = await applySubmission(database.db, clock.now(), auditContext(c), config, user, id);
      issueCredentialsInBackground(
        database.db,
        () => clock.now(),
        auditContext(c),
        config,
        logger,
        applied.newPeople,
      );
      return redirectWithFlash(c, `/dependencia/envios/${id}`, "Lista aplicada.");
    } catch (error) {
      if (!(error instanceof AppError) || (error.status !== 409 && error.status !== 422)) throw error;
      const { submission, campaign } = await viewSubmission(database.db, user, id);
      return c.html(
        <PreviewPage
          ctx={pageContext(c)}
          submission={submission}
          campaign={campaign}
          canApply
          error={error.userMessage}
        />,
        error.status,
      );
    }
  });

  mount(app, "campaigns.list", (c) => renderCampaigns(c));

  mount(app, "campaigns.create", async (c) => {
    const form = await parseForm(c, campaignSchema);
    if (!form.ok) return renderCampaigns(c, form.errors, form.values);
    const { database, clock } = c.var.deps;
    const campaign = await openCampaign(database.db, clock.now(), auditContext(c), form.data);
    return redirectWithFlash(
      c,
      `/ssi/campanas/${campaign.id}`,
      `Campaña abierta hasta el ${formatDateTime(campaign.deadline)}.`,
    );
  });

  mount(app, "campaigns.show", async (c) => {
    const { database, clock } = c.var.deps;
    const campaign = await openCampaignOr404(c, c.req.param("id") ?? "");
    const dashboard = await campaignDashboard(database.db, clock.now(), campaign);
    const names = new Map(dashboard.rows.map((r) => [r.dependenciaId, r.dependencia]));
    const dependenciaId = isUuid(c.req.query("dependencia") ?? "") ? c.req.query("dependencia") : undefined;
    const submissions = (
      await listSubmissionsOf(database.db, { campaignId: campaign.id, dependenciaId })
    ).map((s) => ({
      id: s.id,
      dependencia: names.get(s.dependenciaId) ?? "",
      kind: s.kind,
      state: s.state,
      fileName: s.fileName,
      createdAt: s.createdAt,
      hasFile: Boolean(s.fileKey),
    }));
    c.header("Cache-Control", "no-store");
    return c.html(
      <CampaignPage
        ctx={pageContext(c)}
        campaign={campaign}
        rows={dashboard.rows}
        complete={dashboard.complete}
        submissions={submissions}
        dependencia={dependenciaId ?? ""}
      />,
    );
  });

  mount(app, "campaigns.close", async (c) => {
    const { database, clock } = c.var.deps;
    const id = c.req.param("id") ?? "";
    await closeCampaign(database.db, clock.now(), auditContext(c), id);
    return redirectWithFlash(c, `/ssi/campanas/${id}`, "Campaña cerrada: ya no se reciben listas.");
  });

  mount(app, "campaigns.export", async (c) => {
    const { database, clock } = c.var.deps;
    const campaign = await openCampaignOr404(c, c.req.param("id") ?? "");
    const kind = readKind(c);
    return xlsx(
      c,
      await consolidatedList(database.db, clock.now(), auditContext(c), campaign, kind),
      `${kind}-${campaign.id.slice(0, 8)}.xlsx`,
    );
  });

  mount(app, "campaigns.file", async (c) => {
    const { database, storage, clock } = c.var.deps;
    const { submission } = await viewSubmission(database.db, requireUser(c), c.req.param("id") ?? "");
    const data = submission.fileKey ? await storage.get(submission.fileKey) : undefined;
    if (!data) throw notFound("El archivo");
    await recordFileDownload(database.db, clock.now(), auditContext(c), submission.id);
    c.header("Content-Type", "application/octet-stream");
    c.header(
      "Content-Disposition",
      `attachment; filename="${(submission.fileName ?? "lista").replace(/[^\w.\- ]/g, "_")}"`,
    );
    c.header("Cache-Control", "private, no-store");
    return c.body(new Uint8Array(data));
  });

  return app;
}
