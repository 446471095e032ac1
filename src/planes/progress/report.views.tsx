// One progress report (phone first): the activity and period it is about, the form of the responsable
// (percentage or quantity, narrative, evidence files; save or send), its evidence with hashes, planeación's
// «Validar» / «Devolver», control interno's publishing of evidence, and the report's own history.

import { formatFileSize } from "../../shared/files/checks.ts";
import type { FormErrors, FormValues } from "../../shared/forms.ts";
import { formatDateTime } from "../../shared/time.ts";
import { BackLink, CsrfField, ErrorSummary, Notice } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { formatNumber } from "../../shared/words.ts";
import { formatPeriod } from "../plans/plans.rules.ts";
import { headingOf } from "../plans/tree.rules.ts";
import { ActivityHistory, percentText, ReportStatusTag } from "./history.views.tsx";
import { reportPeriod } from "./progress.rules.ts";
import type { LoadedReport, PlanEvidence, reportAbilities } from "./progress.service.ts";
import { ReportForm, TextArea } from "./report.form.views.tsx";

export interface EvidenceLimits {
  accept: string;
  types: string;
  maxFileBytes: number;
  maxReportBytes: number;
}

export const LABELS: Record<string, string> = {
  percent: "Porcentaje de avance",
  quantity: "Cantidad lograda",
  narrative: "Lo que se hizo en el periodo",
  evidencias: "Evidencias",
  comment: "Motivo de la devolución",
};

const activityTitle = (item: { code: string | null; text: string }) =>
  item.code && !item.text.startsWith(item.code) ? `${item.code} ${item.text}` : item.text;

function EvidenceTable(props: {
  evidence: PlanEvidence[];
  reportId: string;
  csrfToken: string;
  canRemove: boolean;
  canPublish: boolean;
}) {
  return (
    <table class="table table--compact table--stack">
      <caption class="visually-hidden">Archivos de evidencia del reporte</caption>
      <thead>
        <tr>
          <th scope="col">Archivo</th>
          <th scope="col">Tamaño</th>
          <th scope="col">SHA-256</th>
          {(props.canRemove || props.canPublish) && <th scope="col">Acción</th>}
        </tr>
      </thead>
      <tbody>
        {props.evidence.map((e) => (
          <tr>
            <td data-label="Archivo">
              <a href={`/evidencias/${e.id}`} download>
                {e.fileName}
              </a>
              {e.isPublic && <strong class="tag tag--hecho">Pública</strong>}
            </td>
            <td data-label="Tamaño">{formatFileSize(e.size)}</td>
            <td data-label="SHA-256">
              <code title={e.sha256}>{e.sha256.slice(0, 12)}</code>
            </td>
            {props.canRemove && (
              <td data-label="Acción">
                <form
                  method="post"
                  action={`/reportes/${props.reportId}/evidencias/${e.id}/eliminar`}
                  class="inline-form"
                >
                  <CsrfField token={props.csrfToken} />
                  <button type="submit" class="link-button">
                    Quitar<span class="visually-hidden"> «{e.fileName}»</span>
                  </button>
                </form>
              </td>
            )}
            {props.canPublish && (
              <td data-label="Acción">
                <form method="post" action={`/evidencias/${e.id}/publica`} class="inline-form">
                  <CsrfField token={props.csrfToken} />
                  <input type="hidden" name="publica" value={e.isPublic ? "no" : "si"} />
                  <button type="submit" class="link-button">
                    {e.isPublic ? "Quitar de lo público" : "Hacer pública"}
                    <span class="visually-hidden"> «{e.fileName}»</span>
                  </button>
                </form>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ReviewForms(props: {
  reportId: string;
  csrfToken: string;
  errors?: FormErrors;
  values?: FormValues;
}) {
  return (
    <section class="section">
      <h2 class="heading-m">Revisión de planeación</h2>
      <form method="post" action={`/reportes/${props.reportId}/validar`} novalidate>
        <CsrfField token={props.csrfToken} />
        <TextArea
          id="validateComment"
          name="comment"
          label="Comentario para la dependencia (opcional)"
          rows={2}
        />
        <button type="submit" class="button">
          Validar
        </button>
      </form>
      <form method="post" action={`/reportes/${props.reportId}/devolver`} class="section" novalidate>
        <CsrfField token={props.csrfToken} />
        <TextArea
          id="comment"
          name="comment"
          label={LABELS.comment ?? ""}
          hint="La dependencia recibe este comentario por correo y lo ve en el reporte para corregirlo."
          rows={3}
          error={props.errors?.comment}
          value={props.values?.comment}
        />
        <button type="submit" class="button button--warning">
          Devolver
        </button>
      </form>
    </section>
  );
}

export function ReportPage(props: {
  ctx: PageContext;
  loaded: LoadedReport;
  abilities: ReturnType<typeof reportAbilities>;
  limits: EvidenceLimits;
  back: { href: string; label: string };
  errors?: FormErrors;
  values?: FormValues;
  /** After a save: the quantity exceeds the meta. */
  warning?: string;
}) {
  const { ctx, loaded, abilities } = props;
  const { row, item, parents, evidence } = loaded;
  const { report, plan } = row;
  const period = formatPeriod(reportPeriod(report));
  const meta =
    item.metaQuantity !== null
      ? `${formatNumber(item.metaQuantity, 1)}${item.metaUnit ? ` ${item.metaUnit}` : ""}`
      : null;
  const facts: [string, unknown][] = [
    ["Plan", `${plan.title}${plan.title.includes(String(plan.year)) ? "" : ` (${plan.year})`}`],
    ...parents.map((p): [string, unknown] => [
      row.levelNames[p.level - 1] ?? "",
      headingOf(p, row.levelNames[p.level - 1] ?? ""),
    ]),
    [
      row.levelNames[item.level - 1] ?? "Actividad",
      <a href={`/planes/${plan.id}/actividades/${item.id}`}>{activityTitle(item)}</a>,
    ],
    ["Meta", item.meta],
    ["Periodo", period],
    ["Dependencia", row.dependencia],
    ["Estado", <ReportStatusTag status={report.status} />],
    [
      "Avance",
      report.percent === null
        ? "Sin registrar"
        : abilities.countsQuantity && report.quantity !== null
          ? `${formatNumber(report.quantity, 1)} de ${meta} (${percentText(report.percent)})`
          : percentText(report.percent),
    ],
    [
      "Enviado",
      report.submittedAt && `${formatDateTime(report.submittedAt)} por ${row.submittedByName ?? "SIPAP"}`,
    ],
    [
      "Revisado",
      report.reviewedAt && `${formatDateTime(report.reviewedAt)} por ${row.reviewedByName ?? "SIPAP"}`,
    ],
  ];
  return (
    <Layout ctx={ctx} title={`Reporte de avance: ${activityTitle(item)}`}>
      <BackLink href={props.back.href}>{props.back.label}</BackLink>
      {props.errors && <ErrorSummary errors={props.errors} labels={LABELS} />}
      <h1>Reporte de avance</h1>
      <p class="lead">
        {activityTitle(item)} · {period}
      </p>
      {props.warning && <Notice>{props.warning}</Notice>}
      {report.status === "devuelto" && report.reviewComment && (
        <Notice>
          <p>
            <strong>Planeación devolvió este reporte.</strong> Comentario: {report.reviewComment}
          </p>
        </Notice>
      )}
      {report.overMeta && !props.warning && (
        <Notice>
          <p>La cantidad reportada supera la meta ({meta}): planeación decide al validar.</p>
        </Notice>
      )}
      {abilities.refusal && report.status !== "validado" && report.status !== "enviado" && (
        <Notice>
          <p>{abilities.refusal}</p>
        </Notice>
      )}
      <dl class="summary-list">
        {facts
          .filter(([, value]) => value !== null && value !== undefined && value !== "")
          .map(([label, value]) => (
            <div>
              <dt>{label}</dt>
              <dd>{value as string}</dd>
            </div>
          ))}
      </dl>
      {!abilities.canEdit && report.narrative && (
        <section class="section">
          <h2 class="heading-m">Lo que se hizo en el periodo</h2>
          <p class="prose">{report.narrative}</p>
        </section>
      )}
      <section class="section">
        <h2 class="heading-m">Evidencias</h2>
        {evidence.length === 0 ? (
          <p>El reporte no tiene archivos de evidencia.</p>
        ) : (
          <EvidenceTable
            evidence={evidence}
            reportId={report.id}
            csrfToken={ctx.csrfToken}
            canRemove={abilities.canEdit}
            canPublish={abilities.canPublishEvidence}
          />
        )}
      </section>
      {abilities.canEdit && (
        <ReportForm
          csrfToken={ctx.csrfToken}
          report={report}
          item={item}
          meta={meta}
          limits={props.limits}
          errors={props.errors}
          values={props.values}
        />
      )}
      {abilities.reviewRefusal && (
        <section class="section">
          <h2 class="heading-m">Revisión de planeación</h2>
          <Notice>
            <p>{abilities.reviewRefusal}</p>
          </Notice>
        </section>
      )}
      {abilities.canReview && (
        <ReviewForms
          reportId={report.id}
          csrfToken={ctx.csrfToken}
          errors={props.errors}
          values={props.values}
        />
      )}
      <ActivityHistory events={loaded.events} />
    </Layout>
  );
}
