// SSI's routes for campaigns: open and close a campaign, its dashboard, the consolidated lists and the
// original files the dependencias sent. The liaison's list routes are mounted from lists.routes.tsx.
import { Hono } from "hono";
import { toWebStream } from "../../core/storage/storage.types.ts";
import { mount } from "../../shared/auth/guard.ts";
import { notFound } from "../../shared/errors.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { parseForm } from "../../shared/forms.ts";
import { type AppContext, type AppEnv, auditContext, requireUser } from "../../shared/http.ts";
import { isUuid } from "../../shared/ids.ts";
import { endSentence, formatDateTime } from "../../shared/time.ts";
import { pageContext } from "../../shared/views/page.ts";
import { campaignSchema } from "./campaigns.schemas.ts";
import { closeCampaign, listCampaigns, listSubmissionsOf, openCampaign } from "./campaigns.service.ts";
import { campaignDashboard, consolidatedList } from "./campaigns.tracking.ts";
import { CampaignPage, CampaignsPage } from "./campaigns.views.tsx";
import { mountListRoutes, openCampaignOr404, readKind, xlsx } from "./lists.routes.tsx";
import { recordFileDownload, viewSubmission } from "./lists.service.ts";

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
export function campaignsRoutes() {
  const app = new Hono<AppEnv>();
  mountListRoutes(app);

  mount(app, "campaigns.list", (c) => renderCampaigns(c));

  mount(app, "campaigns.create", async (c) => {
    const form = await parseForm(c, campaignSchema);
    if (!form.ok) return renderCampaigns(c, form.errors, form.values);
    const { database, clock } = c.var.deps;
    const campaign = await openCampaign(database.db, clock.now(), auditContext(c), form.data);
    return redirectWithFlash(
      c,
      `/ssi/campanas/${campaign.id}`,
      endSentence(`Campaña abierta hasta el ${formatDateTime(campaign.deadline)}`),
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
    // The stream holds a file handle or a socket: released if the audit row cannot be written.
    await recordFileDownload(database.db, clock.now(), auditContext(c), submission.id).catch((error) => {
      data.destroy();
      throw error;
    });
    c.header("Content-Type", "application/octet-stream");
    c.header(
      "Content-Disposition",
      `attachment; filename="${(submission.fileName ?? "lista").replace(/[^\w.\- ]/g, "_")}"`,
    );
    c.header("Cache-Control", "private, no-store");
    // Streamed: a list file can be several megabytes and need not sit in memory.
    return c.body(toWebStream(data));
  });

  return app;
}
