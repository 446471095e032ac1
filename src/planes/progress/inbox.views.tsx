// The responsable's inbox on «Actividades de mi dependencia» (phone first): one line per period of an
// activity, grouped by what it needs — returned by planeación, ended without a report, to report now,
// upcoming, sent — each with «Reportar» or a link to its report.

import { formatIsoDay } from "../../shared/time.ts";
import { countOf, withoutFinalStop } from "../../shared/words.ts";
import type { InboxLine } from "../plans/plans.mine.ts";
import { formatPeriod } from "../plans/plans.rules.ts";
import { percentText, ReportStatusTag, StartReportForm } from "./history.views.tsx";
import { INBOX_SECTIONS, type InboxSection, SOON_DAYS } from "./progress.rules.ts";

const activityTitle = (leaf: { code: string | null; text: string }) =>
  leaf.code && !leaf.text.startsWith(leaf.code) ? `${leaf.code} ${leaf.text}` : leaf.text;

const REPORT_LINKS = {
  borrador: "Continuar el borrador",
  devuelto: "Corregir el reporte",
  enviado: "Ver el reporte",
  validado: "Ver el reporte",
} as const;

function dueText(line: InboxLine): string | undefined {
  const days = line.daysLeft;
  if (days === undefined || line.section === "al_dia") return undefined;
  if (days < 0) return `Terminó el ${formatIsoDay(line.period.endsOn ?? "")}`;
  if (days === 0) return "Vence hoy";
  if (line.section === "proxima") return undefined;
  return days <= SOON_DAYS ? `Vence en ${countOf(days, "día", "días")}` : undefined;
}

function Line({ line, csrfToken }: { line: InboxLine; csrfToken: string }) {
  const title = activityTitle(line.leaf);
  const period = formatPeriod(line.period);
  const due = dueText(line);
  return (
    <li class="task">
      <a href={`/planes/${line.planId}/actividades/${line.leaf.id}`}>{title}</a>{" "}
      {line.report && <ReportStatusTag status={line.report.status} />}
      {due && line.section !== "vencida" && line.section !== "cerrada" && (
        <strong class="tag tag--siguiente">{due}</strong>
      )}
      <p class="hint">
        {line.planTitle} · {line.path.join(" › ")}
      </p>
      <p>
        Periodo: {period}
        {line.report?.percent !== null &&
          line.report?.percent !== undefined &&
          ` · Avance: ${percentText(line.report.percent)}`}
        {(line.section === "vencida" || line.section === "cerrada") && due && ` · ${due}`}
      </p>
      {line.section === "devuelta" && line.report?.reviewComment && (
        <p>
          <strong>Comentario de planeación:</strong> {line.report.reviewComment}
        </p>
      )}
      {line.report ? (
        <p>
          <a href={`/reportes/${line.report.id}`}>
            {REPORT_LINKS[line.report.status]}
            <span class="visually-hidden">
              {" "}
              de {withoutFinalStop(title)}, periodo {period}
            </span>
          </a>
        </p>
      ) : line.lockedBy ? (
        <p class="hint">
          Cerrado: control interno abrió el seguimiento del corte del {formatIsoDay(line.lockedBy)}.
        </p>
      ) : (
        <StartReportForm
          csrfToken={csrfToken}
          planId={line.planId}
          itemId={line.leaf.id}
          periodKey={line.periodKey}
          context={`${withoutFinalStop(title)}, periodo ${period}`}
        />
      )}
    </li>
  );
}

const FOLDED_WHEN_EMPTY: InboxSection[] = ["devuelta", "vencida", "cerrada"];

export function InboxSections({ lines, csrfToken }: { lines: InboxLine[]; csrfToken: string }) {
  return (
    <>
      {INBOX_SECTIONS.map((section) => {
        const mine = lines.filter((line) => line.section === section.key);
        // Nothing returned is good news, not a heading: those sections are left out when empty.
        if (mine.length === 0 && FOLDED_WHEN_EMPTY.includes(section.key)) return null;
        // Closed periods are past help: folded, so the phone shows first what can still be done.
        if (section.key === "cerrada")
          return (
            <details class="section">
              <summary>
                {section.title}: {countOf(mine.length, "periodo", "periodos")}
              </summary>
              <ul class="task-list">
                {mine.map((line) => (
                  <Line line={line} csrfToken={csrfToken} />
                ))}
              </ul>
            </details>
          );
        return (
          <section class="section">
            <h2 class="heading-m">{section.title}</h2>
            {mine.length === 0 ? (
              <p>{section.empty}</p>
            ) : (
              <>
                <p class="hint">{countOf(mine.length, "periodo", "periodos")}</p>
                <ul class="task-list">
                  {mine.map((line) => (
                    <Line line={line} csrfToken={csrfToken} />
                  ))}
                </ul>
              </>
            )}
          </section>
        );
      })}
    </>
  );
}
