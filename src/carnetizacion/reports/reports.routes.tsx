import { Hono } from "hono";
import { z } from "zod";
import { dependenciaOptions } from "../../core/dependencias/dependencias.service.ts";
import type { Db } from "../../db/client.ts";
import { mount } from "../../shared/auth/guard.ts";
import type { RouteId } from "../../shared/auth/permissions.ts";
import { isSsiStaff } from "../../shared/auth/roles.ts";
import { type AppContext, type AppEnv, auditContext, requireUser } from "../../shared/http.ts";
import { pageContext } from "../../shared/views/page.ts";
import { XLSX_TYPE } from "../../shared/xlsx.ts";
import { campaignOptions, campaignRange, findOpenCampaigns } from "../campaigns/campaigns.service.ts";
import { campaignDashboard } from "../campaigns/campaigns.tracking.ts";
import { CARD_STATES } from "../cards/cards.rules.ts";
import { cardDashboard, exportCards, type ListKind, listCards } from "./reports.service.ts";
import { CardListPage, DashboardPage } from "./reports.views.tsx";

const listQuerySchema = z.object({
  q: z.string().max(100).optional().catch(undefined),
  estado: z.enum(CARD_STATES).optional().catch(undefined),
  dependencia: z.uuid().optional().catch(undefined),
  pagina: z.coerce.number().int().min(1).max(10_000).catch(1),
});

function readList(c: AppContext) {
  const query = listQuerySchema.parse(c.req.query());
  const filter = { q: query.q, state: query.estado, dependenciaId: query.dependencia };
  const kept = Object.fromEntries(
    Object.entries({ q: query.q, estado: query.estado, dependencia: query.dependencia }).filter(([, v]) => v),
  ) as Record<string, string>;
  return { filter, page: query.pagina, kept };
}

const isStaff = (c: AppContext) => isSsiStaff(requireUser(c).roles);

async function renderList(c: AppContext, kind: ListKind) {
  const { database, clock } = c.var.deps;
  const { filter, page, kept } = readList(c);
  const result = await listCards(
    database.db,
    clock.now(),
    auditContext(c),
    requireUser(c),
    kind,
    filter,
    page,
  );
  c.header("Cache-Control", "no-store");
  return c.html(
    <CardListPage
      ctx={pageContext(c)}
      kind={kind}
      rows={result.rows}
      hasMore={result.hasMore}
      page={page}
      query={kept}
      dependencias={isStaff(c) ? await dependenciaOptions(database.db) : undefined}
      linkCards={isStaff(c)}
    />,
  );
}

async function sendExport(c: AppContext, kind: ListKind, filename: string) {
  const { database, clock } = c.var.deps;
  const { filter } = readList(c);
  const file = await exportCards(database.db, clock.now(), auditContext(c), requireUser(c), kind, filter);
  c.header("Content-Type", XLSX_TYPE);
  c.header(
    "Content-Disposition",
    `attachment; filename="${filename}-${clock.now().toISOString().slice(0, 10)}.xlsx"`,
  );
  c.header("Cache-Control", "private, no-store");
  return c.body(new Uint8Array(file));
}

/** Open campaigns with how many dependencias already sent their three lists, for the dashboard. */
async function openCampaignSummaries(db: Db, at: Date) {
  const open = await findOpenCampaigns(db);
  return Promise.all(
    open.map(async (campaign) => {
      const { complete, total } = await campaignDashboard(db, at, campaign);
      return { id: campaign.id, name: campaign.name, deadline: campaign.deadline, complete, total };
    }),
  );
}

const LISTS: [RouteId, RouteId, ListKind, string][] = [
  ["reports.cards", "reports.cardsXlsx", "cards", "carnets"],
  ["reports.lanyards", "reports.lanyardsXlsx", "lanyards", "cintas-pendientes"],
  ["reports.toRecover", "reports.toRecoverXlsx", "toRecover", "carnets-por-recuperar"],
];

export function reportsRoutes() {
  const app = new Hono<AppEnv>();

  mount(app, "reports.dashboard", async (c) => {
    const db = c.var.deps.database.db;
    const campaign = await campaignRange(db, c.req.query("campana"));
    const { rows, totals } = await cardDashboard(db, campaign);
    const open = await openCampaignSummaries(db, c.var.deps.clock.now());
    c.header("Cache-Control", "no-store");
    return c.html(
      <DashboardPage
        ctx={pageContext(c)}
        rows={rows}
        totals={totals}
        campaigns={await campaignOptions(db)}
        campaign={campaign?.id ?? ""}
        openCampaigns={open}
      />,
    );
  });

  for (const [pageId, exportId, kind, filename] of LISTS) {
    mount(app, pageId, (c) => renderList(c, kind));
    mount(app, exportId, (c) => sendExport(c, kind, filename));
  }

  return app;
}
