// One activity of a follow-up on its page: what the plan scheduled, what the offices reported (each report
// linked, locked once the follow-up opened), their evidence (control interno may make a validated report's
// file public) and control interno's verification form.
import type { FormErrors, FormValues } from "../../shared/forms.ts";
import { formatDateTime } from "../../shared/time.ts";
import { Button, CsrfField, FieldFrame } from "../../shared/views/components.tsx";
import { formatMegabytes, formatNumber } from "../../shared/words.ts";
import { PeriodsText, ResponsablesText } from "../plans/plans.views.tsx";
import { REPORT_STATUS_LABELS } from "../progress/progress.types.ts";
import type { FollowupSheet, SheetActivity, SheetEvidence } from "./followups.service.ts";
import { percent } from "./followups.views.tsx";

/** A refused verification: the activity, its field errors and what was typed. */
export interface VerifyProblem {
  itemId: string;
  errors: FormErrors;
  values: FormValues;
}

export const fieldId = (itemId: string, field: string) => `v-${itemId}-${field}`;
const size = (bytes: number) =>
  bytes < 1_000_000 ? `${formatNumber(Math.max(1, Math.round(bytes / 1000)))} kB` : formatMegabytes(bytes);

function EvidenceList(props: {
  evidence: SheetEvidence[];
  canAct: boolean;
  csrf: string;
  back: string;
  /** Not published yet: a file made public may still be withdrawn. */
  open: boolean;
}) {
  if (props.evidence.length === 0) return <p class="hint">Sin evidencias en los reportes hasta el corte.</p>;
  return (
    <ul class="evidence-list">
      {props.evidence.map((e) => (
        <li>
          <a href={`/evidencias/${e.id}`}>{e.fileName}</a> <span class="hint">({size(e.size)})</span>{" "}
          <div class="details">
            SHA-256: <code>{e.sha256}</code>
          </div>
          {e.isPublic ? (
            <>
              <strong class="tag tag--hecho">Pública</strong>
              {props.canAct && props.open && (
                <form method="post" action={`/evidencias/${e.id}/publica`}>
                  <CsrfField token={props.csrf} />
                  <input type="hidden" name="publica" value="no" />
                  <input type="hidden" name="volver" value={props.back} />
                  <Button variant="secondary">
                    Quitar de lo público<span class="visually-hidden">: {e.fileName}</span>
                  </Button>
                </form>
              )}
            </>
          ) : (
            props.canAct &&
            e.validated && (
              <form method="post" action={`/evidencias/${e.id}/publica`}>
                <CsrfField token={props.csrf} />
                <input type="hidden" name="volver" value={props.back} />
                <Button variant="secondary">
                  Marcar como pública<span class="visually-hidden">: {e.fileName}</span>
                </Button>
              </form>
            )
          )}
        </li>
      ))}
    </ul>
  );
}

function Reports({ activity }: { activity: SheetActivity }) {
  if (activity.reports.length === 0)
    return <p class="hint">Ninguna dependencia ha reportado esta actividad.</p>;
  return (
    <table class="table table--stack table--compact">
      <caption class="visually-hidden">Reportes de la actividad</caption>
      <thead>
        <tr>
          <th scope="col">Dependencia</th>
          <th scope="col">Periodo</th>
          <th scope="col">Estado</th>
          <th scope="col">Porcentaje</th>
        </tr>
      </thead>
      <tbody>
        {activity.reports.map((r) => (
          <tr>
            <td data-label="Dependencia">
              <a href={`/reportes/${r.id}`}>{r.dependencia}</a>
            </td>
            <td data-label="Periodo">{r.period}</td>
            <td data-label="Estado">
              {REPORT_STATUS_LABELS[r.status]}
              {r.locked && (
                <>
                  {" "}
                  <strong class="tag tag--pendiente">Bloqueado por el seguimiento</strong>
                </>
              )}
            </td>
            <td data-label="Porcentaje" class="numeric">
              {r.percent === null ? "Sin dato" : percent(r.percent)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function VerifyForm(props: {
  activity: SheetActivity;
  followupId: string;
  csrf: string;
  problem: VerifyProblem | undefined;
}) {
  const { activity, problem } = props;
  const id = activity.leaf.id;
  const errors = problem?.itemId === id ? problem.errors : {};
  const typed = problem?.itemId === id ? problem.values : undefined;
  const v = activity.verification;
  const prefill =
    typed?.verifiedPercent ??
    (v ? String(v.verifiedPercent) : activity.reported !== null ? String(Math.round(activity.reported)) : "");
  const field = (name: string, label: string, hint: string, multiline: boolean, value: string) => (
    <FieldFrame
      id={fieldId(id, name)}
      label={label}
      hint={hint}
      error={errors[name]}
      control={(aria) =>
        multiline ? (
          <textarea class="textarea" id={fieldId(id, name)} name={name} rows={3} maxlength={4000} {...aria}>
            {value}
          </textarea>
        ) : (
          <input
            class="input input--short"
            id={fieldId(id, name)}
            name={name}
            inputmode="decimal"
            value={value}
            {...aria}
          />
        )
      }
    />
  );
  return (
    <form method="post" action={`/seguimientos/${props.followupId}/actividades/${id}`} novalidate>
      <CsrfField token={props.csrf} />
      <fieldset class="fieldset">
        <legend>Verificación de control interno</legend>
        {field(
          "verifiedPercent",
          "Porcentaje verificado",
          activity.reported === null
            ? "De 0 a 100. No hay reportes validados hasta el corte."
            : `De 0 a 100. La dependencia reportó ${percent(activity.reported)} (validado).`,
          false,
          prefill,
        )}
        {field(
          "realized",
          "Actividades realizadas",
          "Lo que control interno encontró hecho.",
          true,
          typed?.realized ?? v?.realized ?? "",
        )}
        {field(
          "observations",
          "Observaciones",
          "Opcional.",
          true,
          typed?.observations ?? v?.observations ?? "",
        )}
        <Button>{v ? "Actualizar la verificación" : "Guardar la verificación"}</Button>
      </fieldset>
    </form>
  );
}

export function Activity(props: {
  activity: SheetActivity;
  sheet: FollowupSheet;
  canAct: boolean;
  csrf: string;
  problem: VerifyProblem | undefined;
  componentId: string;
}) {
  const { activity, sheet } = props;
  const { leaf, verification } = activity;
  const open = sheet.followup.status === "abierto";
  return (
    <article class="section" id={`a-${leaf.id}`} aria-labelledby={`h-${leaf.id}`}>
      <h4 id={`h-${leaf.id}`}>{leaf.code ? `${leaf.code} ${leaf.text}` : leaf.text}</h4>
      <dl class="summary-list">
        <div>
          <dt>Meta/producto</dt>
          <dd>{[leaf.product, leaf.meta].filter(Boolean).join(" / ") || "Sin dato"}</dd>
        </div>
        <div>
          <dt>Responsables</dt>
          <dd>
            <ResponsablesText responsables={leaf.responsables} />
          </dd>
        </div>
        <div>
          <dt>Fechas</dt>
          <dd>
            <PeriodsText periods={leaf.periods} />
          </dd>
        </div>
        <div>
          <dt>Reportado hasta el corte</dt>
          <dd>{activity.reported === null ? "Nada validado" : `${percent(activity.reported)} (validado)`}</dd>
        </div>
        <div>
          <dt>Verificado por control interno</dt>
          <dd>
            {verification ? (
              <>
                {percent(verification.verifiedPercent)}{" "}
                <span class="hint">el {formatDateTime(verification.verifiedAt)}</span>
              </>
            ) : (
              <strong class="tag tag--pendiente">Sin verificar</strong>
            )}
          </dd>
        </div>
        {verification?.realized && !(props.canAct && open) && (
          <div>
            <dt>Actividades realizadas</dt>
            <dd>{verification.realized}</dd>
          </div>
        )}
        {verification?.observations && !(props.canAct && open) && (
          <div>
            <dt>Observaciones</dt>
            <dd>{verification.observations}</dd>
          </div>
        )}
      </dl>
      <h5>Reportes</h5>
      <Reports activity={activity} />
      <h5>Evidencias</h5>
      <EvidenceList
        evidence={activity.evidence}
        canAct={props.canAct}
        csrf={props.csrf}
        back={`/seguimientos/${sheet.followup.id}?componente=${props.componentId}#a-${leaf.id}`}
        open={sheet.followup.status !== "publicado"}
      />
      {props.canAct && open && (
        <VerifyForm
          activity={activity}
          followupId={sheet.followup.id}
          csrf={props.csrf}
          problem={props.problem}
        />
      )}
    </article>
  );
}
