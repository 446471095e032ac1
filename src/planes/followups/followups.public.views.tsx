// The public side of the follow-ups: the list on a published plan's page, and one follow-up's page (cut,
// period, due date and the date it was actually published, progress per component as a bar chart with
// its text and table alternatives, the report's downloads, and the evidence control interno made public,
// with each file's SHA-256). Mobile first; no person's name anywhere.
import { formatDate } from "../../shared/time.ts";
import { BackLink } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { countOf, formatMegabytes, formatNumber, withoutFinalStop } from "../../shared/words.ts";
import { ZONE_COLOUR_NAMES, ZONE_LABELS, type ZoneKey, zoneLegend } from "../progress/zones.rules.ts";
import type { PublicFollowup } from "./followups.public.ts";
import { activityCell, dayText } from "./followups.rules.ts";
import type { FollowupReportComponent, PublicFollowupSummary } from "./followups.types.ts";

/** Bar colours dark enough against white (WCAG 1.4.11, 3:1); the zone is also written beside each bar. */
const BAR_COLOURS: Record<ZoneKey, string> = { bajo: "#a4161a", medio: "#8a5a00", alto: "#0b6b3a" };

const percent = (value: number) => `${formatNumber(value, 1)} %`;
const zoneWords = (zone: ZoneKey) => `${ZONE_LABELS[zone].toLowerCase()} (${ZONE_COLOUR_NAMES[zone]})`;
const size = (bytes: number) =>
  bytes < 1_000_000 ? `${formatNumber(Math.max(1, Math.round(bytes / 1000)))} kB` : formatMegabytes(bytes);

export const followupPath = (slug: string, cutOn: string) =>
  `/transparencia/planes/${slug}/seguimientos/${cutOn}`;

/** The published follow-ups on a plan's public page. */
export function FollowupsSection({ slug, followups }: { slug: string; followups: PublicFollowupSummary[] }) {
  return (
    <section aria-labelledby="seguimientos">
      <h2 id="seguimientos">Seguimientos de control interno</h2>
      {followups.length === 0 ? (
        <p>Control interno aún no ha publicado informes de seguimiento de este plan.</p>
      ) : (
        <table class="table table--stack">
          <caption class="visually-hidden">Informes de seguimiento publicados</caption>
          <thead>
            <tr>
              <th scope="col">Corte</th>
              <th scope="col">Plazo para publicar</th>
              <th scope="col">Publicado el</th>
              <th scope="col">Avance del plan</th>
            </tr>
          </thead>
          <tbody>
            {followups.map((f) => (
              <tr>
                <th scope="row">
                  <a href={followupPath(slug, f.cutOn)}>Corte del {dayText(f.cutOn)}</a>
                  <span class="hint"> ({f.periodLabel.toLocaleLowerCase("es-CO")})</span>
                </th>
                <td data-label="Plazo para publicar">{dayText(f.dueOn)}</td>
                <td data-label="Publicado el">
                  {formatDate(new Date(f.publishedAt))}
                  {f.late && <span class="hint"> (después del plazo)</span>}
                </td>
                <td data-label="Avance del plan">
                  {percent(f.score)}, {zoneWords(f.zone)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Horizontal bars, one per component and one for the plan, drawn on the server (no script). */
function ProgressChart({ report }: { report: PublicFollowup["report"] }) {
  const rows = [
    ...report.components.map((c) => ({ name: c.name, score: c.score, zone: c.zone })),
    { name: "Todo el plan", score: report.score, zone: report.zone },
  ];
  // Drawn for a phone's width (the text stays readable when scaled down); the table below has every name.
  const width = 360;
  const barSpace = 240;
  const rowHeight = 54;
  const description = rows
    .map((r) => `${withoutFinalStop(r.name)}: ${percent(r.score)}, ${zoneWords(r.zone)}`)
    .join(". ");
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${width} ${rows.length * rowHeight + 10}`}
      role="img"
      aria-labelledby="grafica-titulo grafica-desc"
    >
      <title id="grafica-titulo">Avance verificado por componente</title>
      <desc id="grafica-desc">{description}</desc>
      {rows.map((row, i) => {
        const y = i * rowHeight;
        const bar = (Math.min(100, Math.max(0, row.score)) / 100) * barSpace;
        return (
          <g>
            <text
              x={0}
              y={y + 16}
              font-size="14"
              fill="#1f1f1f"
              font-weight={i === rows.length - 1 ? "700" : "400"}
            >
              {clip(row.name, 44)}
            </text>
            <rect
              x={0}
              y={y + 24}
              width={barSpace}
              height={18}
              fill="#f2f2f2"
              stroke="#6b6b6b"
              stroke-width="1"
            />
            <rect
              x={0}
              y={y + 24}
              width={Math.max(bar, row.score > 0 ? 2 : 0)}
              height={18}
              fill={BAR_COLOURS[row.zone]}
            />
            <text x={barSpace + 8} y={y + 38} font-size="14" fill="#1f1f1f">
              {percent(row.score)} · {ZONE_LABELS[row.zone]}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function ComponentTable({
  components,
  report,
}: {
  components: FollowupReportComponent[];
  report: PublicFollowup["report"];
}) {
  return (
    <table class="table table--stack">
      <caption>Avance verificado por componente (los datos de la gráfica)</caption>
      <thead>
        <tr>
          <th scope="col">Componente</th>
          <th scope="col">Actividades</th>
          <th scope="col">Avance</th>
          <th scope="col">Zona</th>
        </tr>
      </thead>
      <tbody>
        {components.map((c) => (
          <tr>
            <th scope="row">{c.name}</th>
            <td data-label="Actividades" class="numeric">
              {formatNumber(c.rows.length)}
            </td>
            <td data-label="Avance" class="numeric">
              {percent(c.score)}
            </td>
            <td data-label="Zona">{zoneWords(c.zone)}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">Todo el plan</th>
          <td data-label="Actividades" class="numeric">
            {formatNumber(components.reduce((sum, c) => sum + c.rows.length, 0))}
          </td>
          <td data-label="Avance" class="numeric">
            <strong>{percent(report.score)}</strong>
          </td>
          <td data-label="Zona">{zoneWords(report.zone)}</td>
        </tr>
      </tbody>
    </table>
  );
}

/** Each component's activities, folded: a long plan stays short on a phone. */
function Activities({ component }: { component: FollowupReportComponent }) {
  return (
    <details class="section">
      <summary>
        {withoutFinalStop(component.name)}: {countOf(component.rows.length, "actividad", "actividades")}
      </summary>
      <ul>
        {component.rows.map((row) => (
          <li>
            <strong>{withoutFinalStop(activityCell(row))}</strong>: {percent(row.percent)},{" "}
            {zoneWords(row.zone)}.{row.realized && <> Realizado: {withoutFinalStop(row.realized)}.</>}
            {row.observations && <> Observaciones: {row.observations}</>}
          </li>
        ))}
      </ul>
    </details>
  );
}

export function PublicFollowupPage({ ctx, followup }: { ctx: PageContext; followup: PublicFollowup }) {
  const { report, summary, slug } = followup;
  const base = followupPath(slug, summary.cutOn);
  const title = `Seguimiento del corte del ${dayText(summary.cutOn)}`;
  return (
    <Layout ctx={ctx} title={`${title}: ${report.plan.title}`}>
      <BackLink href={`/transparencia/planes/${slug}`}>{report.plan.title}</BackLink>
      <h1>{title}</h1>
      <p class="lead">
        Informe de control interno sobre «{report.plan.title}», vigencia {report.plan.year}.
      </p>
      <dl class="summary-list">
        <div>
          <dt>Periodo</dt>
          <dd>{summary.periodLabel}</dd>
        </div>
        <div>
          <dt>Fecha de seguimiento</dt>
          <dd>{dayText(report.followupOn)}</dd>
        </div>
        <div>
          <dt>Plazo para publicar</dt>
          <dd>{dayText(summary.dueOn)}</dd>
        </div>
        <div>
          <dt>Publicado el</dt>
          <dd>
            {formatDate(new Date(summary.publishedAt))}
            {summary.late && <strong class="tag tag--espera">Publicado después del plazo</strong>}
          </dd>
        </div>
        <div>
          <dt>Avance verificado del plan</dt>
          <dd>
            {percent(report.score)}, {zoneWords(report.zone)}
          </dd>
        </div>
      </dl>
      <section aria-labelledby="avance">
        <h2 id="avance">Avance por componente</h2>
        {/* No <figure>: its default side margins would shrink the chart on a phone. */}
        <div>
          <ProgressChart report={report} />
          <p class="hint">
            {report.components
              .map((c) => `${withoutFinalStop(c.name)}: ${percent(c.score)}, ${zoneWords(c.zone)}`)
              .join(". ")}
            . Todo el plan: {percent(report.score)}, {zoneWords(report.zone)}.
          </p>
        </div>
        <ComponentTable components={report.components} report={report} />
        <p class="hint">
          Zonas: {(["bajo", "medio", "alto"] as const).map((z) => zoneLegend(z, report.zones)).join("; ")}.
        </p>
        <h3>Actividades verificadas</h3>
        {report.components.map((component) => (
          <Activities component={component} />
        ))}
      </section>
      <section aria-labelledby="descargas">
        <h2 id="descargas">Descargar el informe</h2>
        <ul>
          <li>
            <a href={`${base}/informe.pdf`}>Informe en PDF</a>{" "}
            <span class="hint">– para leer o imprimir</span>
          </li>
          <li>
            <a href={`${base}/informe.xlsx`}>Informe en Excel</a>{" "}
            <span class="hint">– hoja de cálculo .xlsx, con el anexo de evidencias</span>
          </li>
        </ul>
      </section>
      <section aria-labelledby="evidencias">
        <h2 id="evidencias">Evidencias públicas</h2>
        {followup.publicEvidence.length === 0 ? (
          <p>Control interno no ha marcado evidencias como públicas en este seguimiento.</p>
        ) : (
          <>
            <p>
              Puede comprobar que un archivo descargado es el mismo que revisó control interno calculando su
              huella SHA-256 (en Windows: <code>certutil -hashfile archivo SHA256</code>; en Linux o macOS:{" "}
              <code>sha256sum archivo</code>) y comparándola con la que aparece aquí.
            </p>
            <ul>
              {followup.publicEvidence.map((e) => (
                <li>
                  <a href={`/transparencia/evidencias/${e.id}`}>{e.fileName}</a>{" "}
                  <span class="hint">
                    ({size(e.size)}
                    {e.activityCode ? `, actividad ${e.activityCode}` : ""})
                  </span>
                  <br />
                  <span class="details">
                    SHA-256: <code>{e.sha256}</code>
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </Layout>
  );
}
