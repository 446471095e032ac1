// A plan's timeline: one row per top-level node (componente, actividad de gestión) with a bar for each
// period of the activities under it, across the twelve months of the plan's year. Drawn as SVG on the
// server (no JavaScript); the table below says the same for screen readers and phones.
import { BackLink } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { countOf } from "../../shared/words.ts";
import { formatPeriod, isImpossible, MONTH_ABBREVIATIONS, periodSpan } from "./plans.rules.ts";
import type { PlanTimeline } from "./plans.service.ts";
import { plural } from "./plans.views.tsx";
import { headingOf } from "./tree.rules.ts";

const WIDTH = 960;
const LABEL = 240;
const MONTH = (WIDTH - LABEL) / 12;
const HEADER = 28;
const LANE = 12;
const GAP = 4;
const MAX_LANES = 8;
const INK = "#1f1f1f";
const BAR = "#004884";
const GRID = "#b1b4b6";
const TODAY = "#a80521";

const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Distinct spans of a row, each in the first lane where it does not overlap (at most MAX_LANES). */
function lanesOf(spans: { from: number; to: number }[]) {
  const unique = [...new Map(spans.map((s) => [`${s.from}:${s.to}`, s])).values()].sort(
    (a, b) => a.from - b.from || a.to - b.to,
  );
  const ends: number[] = [];
  return unique.map((span) => {
    let lane = ends.findIndex((end) => end <= span.from);
    if (lane === -1) lane = ends.length < MAX_LANES ? ends.length : MAX_LANES - 1;
    ends[lane] = Math.max(ends[lane] ?? 0, span.to);
    return { ...span, lane };
  });
}

/** «ene – mar», the months a period covers in the plan's year. */
function monthsOf(from: number, to: number): string {
  const first = MONTH_ABBREVIATIONS[Math.floor(from)] ?? "";
  const last = MONTH_ABBREVIATIONS[Math.max(Math.ceil(to) - 1, Math.floor(from))] ?? "";
  return first === last ? first : `${first} – ${last}`;
}

export function TimelinePage(props: { ctx: PageContext; timeline: PlanTimeline; today: string }) {
  const { ctx, timeline } = props;
  const { plan, levelNames } = timeline.plan;
  const rows = timeline.rows.map((row) => {
    const bars = lanesOf(
      row.entries
        .map((e) => periodSpan(e.period, plan.year))
        .filter((s): s is { from: number; to: number } => Boolean(s)),
    );
    const lanes = Math.max(1, ...bars.map((b) => b.lane + 1));
    return { ...row, bars, height: Math.max(36, lanes * (LANE + GAP) + 12) };
  });
  let y = HEADER;
  const placed = rows.map((row) => {
    const top = y;
    y += row.height;
    return { ...row, top };
  });
  const height = y + 4;
  const todaySpan =
    props.today.startsWith(String(plan.year)) &&
    periodSpan({ startsOn: props.today, endsOn: props.today, written: null }, plan.year);
  const total = rows.reduce((n, r) => n + r.entries.length, 0);
  return (
    <Layout ctx={ctx} title={`Cronograma – ${plan.title}`}>
      <BackLink href={`/planes/${plan.id}`}>Volver al plan</BackLink>
      <h1>Cronograma</h1>
      <p class="lead">
        {plan.title}, vigencia {plan.year}:{" "}
        {countOf(rows.length, levelNames[0].toLowerCase(), plural(levelNames[0]))} y{" "}
        {countOf(total, "periodo", "periodos")}.
      </p>
      {rows.length === 0 ? (
        <p>El plan todavía no tiene estructura: importe su archivo para ver el cronograma.</p>
      ) : (
        <>
          {/* On a phone only January and February fit: without this, the other months look missing. */}
          <p class="hint timeline-hint">
            El cronograma muestra los doce meses: en una pantalla angosta, deslícelo hacia los lados. La tabla
            de abajo tiene las mismas fechas.
          </p>
          <section class="table-scroll" tabindex={0} aria-label="Cronograma desplazable">
            <svg
              viewBox={`0 0 ${WIDTH} ${height}`}
              width={WIDTH}
              height={height}
              role="img"
              aria-labelledby="timeline-title"
              aria-describedby="timeline-table"
            >
              <title id="timeline-title">
                Cronograma de {plan.title}: periodos de cada {levelNames[0].toLowerCase()} por mes de{" "}
                {plan.year}
              </title>
              {MONTH_ABBREVIATIONS.map((abbreviation, i) => (
                <>
                  <line
                    x1={LABEL + i * MONTH}
                    y1={HEADER - 4}
                    x2={LABEL + i * MONTH}
                    y2={height}
                    stroke={GRID}
                  />
                  <text
                    x={LABEL + i * MONTH + MONTH / 2}
                    y={HEADER - 10}
                    text-anchor="middle"
                    font-size="14"
                    fill={INK}
                  >
                    {abbreviation}
                  </text>
                </>
              ))}
              {placed.map((row) => (
                <g>
                  <line x1="0" y1={row.top} x2={WIDTH} y2={row.top} stroke={GRID} />
                  <text x="4" y={row.top + 22} font-size="13" fill={INK}>
                    {shorten(headingOf(row.component, levelNames[0]), 34)}
                  </text>
                  {row.bars.map((bar) => (
                    <rect
                      x={LABEL + bar.from * MONTH}
                      y={row.top + 6 + bar.lane * (LANE + GAP)}
                      width={Math.max(3, (bar.to - bar.from) * MONTH)}
                      height={LANE}
                      rx="2"
                      fill={BAR}
                    />
                  ))}
                </g>
              ))}
              {todaySpan && (
                <>
                  <line
                    x1={LABEL + todaySpan.from * MONTH}
                    y1={HEADER - 4}
                    x2={LABEL + todaySpan.from * MONTH}
                    y2={height}
                    stroke={TODAY}
                    stroke-width="2"
                  />
                  <text x={LABEL + todaySpan.from * MONTH + 3} y={height - 4} font-size="12" fill={TODAY}>
                    hoy
                  </text>
                </>
              )}
            </svg>
          </section>
          <section class="section">
            <h2 class="heading-m">Fechas por {levelNames[0].toLowerCase()}</h2>
            <table class="table table--compact table--stack" id="timeline-table">
              <caption class="visually-hidden">
                Periodos de cada {levelNames[0].toLowerCase()} del plan
              </caption>
              <thead>
                <tr>
                  <th scope="col">{levelNames[0]}</th>
                  <th scope="col">{levelNames[2]}</th>
                  <th scope="col">Fechas</th>
                  <th scope="col">Meses</th>
                </tr>
              </thead>
              <tbody>
                {rows.flatMap((row) =>
                  row.entries.map(({ leaf, period }) => {
                    const span = periodSpan(period, plan.year);
                    return (
                      <tr>
                        <td data-label={levelNames[0]}>{headingOf(row.component, levelNames[0])}</td>
                        <td data-label={levelNames[2]}>
                          <a href={`/planes/${plan.id}/actividades/${leaf.id}`}>
                            {leaf.code && !leaf.text.startsWith(leaf.code) ? `${leaf.code} ` : ""}
                            {leaf.text}
                          </a>
                        </td>
                        <td data-label="Fechas">
                          {formatPeriod(period)}
                          {isImpossible(period) && " (fecha imposible en el archivo)"}
                        </td>
                        <td data-label="Meses">
                          {span ? monthsOf(span.from, span.to) : "Fuera de la vigencia"}
                        </td>
                      </tr>
                    );
                  }),
                )}
              </tbody>
            </table>
          </section>
        </>
      )}
    </Layout>
  );
}
