// The staff pages of OCI's follow-ups: the cuts of a plan's year with their state and due dates (and, for
// control interno, the form to open each), and the small pieces the follow-up's own page shares.
import type { FormErrors } from "../../shared/forms.ts";
import { formatDateTime } from "../../shared/time.ts";
import { BackLink, Button, CsrfField, ErrorSummary } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { formatNumber } from "../../shared/words.ts";
import { ZONE_LABELS, type ZoneKey } from "../progress/zones.rules.ts";
import { CUT_STATE_LABELS, type CutState, dayText } from "./followups.rules.ts";
import type { CutRow, CutsView } from "./followups.service.ts";

const STATE_TAG: Record<CutState, string> = {
  pendiente: "tag tag--pendiente",
  disponible: "tag tag--siguiente",
  abierto: "tag tag--espera",
  cerrado: "tag tag--siguiente",
  publicado: "tag tag--hecho",
};

export function CutStateTag({ state }: { state: CutState }) {
  return <strong class={STATE_TAG[state]}>{CUT_STATE_LABELS[state]}</strong>;
}

/** «85 %»: one decimal when there is one. */
export const percent = (value: number) => `${formatNumber(value, 1)} %`;

/** «85 % (alto)»: the zone always said in words beside the number. */
export function Score({ value, zone }: { value: number; zone: ZoneKey }) {
  return (
    <>
      {percent(value)} <span class="hint">({ZONE_LABELS[zone].toLowerCase()})</span>
    </>
  );
}

/** «Vence el …» / «Venció el …» in a notice that a screen reader announces once. */
export function DeadlineWarning({ warning }: { warning: CutRow["warning"] }) {
  if (!warning) return null;
  return (
    <p>
      <strong class={warning.overdue ? "tag tag--espera" : "tag tag--siguiente"}>
        {warning.overdue ? "Plazo vencido" : "Plazo cercano"}
      </strong>{" "}
      {warning.text}
    </p>
  );
}

function CutAction(props: {
  row: CutRow;
  planId: string;
  canOpen: boolean;
  csrf: string;
  approved: boolean;
}) {
  const { row } = props;
  if (row.followup)
    return (
      <a href={`/seguimientos/${row.followup.id}`}>
        Ver el seguimiento<span class="visually-hidden"> del corte del {dayText(row.cutOn)}</span>
      </a>
    );
  if (row.state === "pendiente") return <>Podrá abrirse desde el {dayText(row.cutOn)}</>;
  if (!props.canOpen) return <>Control interno aún no lo ha abierto</>;
  if (!props.approved) return <>El plan debe estar aprobado</>;
  return (
    <form method="post" action={`/planes/${props.planId}/seguimientos`} class="inline-form">
      <CsrfField token={props.csrf} />
      <input type="hidden" name="cutOn" value={row.cutOn} />
      <Button>
        Abrir el seguimiento<span class="visually-hidden"> del corte del {dayText(row.cutOn)}</span>
      </Button>
    </form>
  );
}

export function CutsPage(props: { ctx: PageContext; view: CutsView; canOpen: boolean; errors?: FormErrors }) {
  const { ctx, view } = props;
  const { plan } = view.plan;
  return (
    <Layout ctx={ctx} title={`Seguimientos: ${plan.title}`}>
      <BackLink href={`/planes/${plan.id}`}>Volver al plan</BackLink>
      <ErrorSummary errors={props.errors ?? {}} />
      <h1>Seguimientos de control interno</h1>
      <p class="lead">
        {plan.title} · vigencia {plan.year}
      </p>
      <p>
        Control interno hace el seguimiento del plan en cada corte del calendario de su tipo de plan, «
        {view.plan.typeName}». Al abrir un seguimiento, los reportes de los periodos que terminan hasta el
        corte quedan bloqueados. El informe debe publicarse dentro de los diez primeros días hábiles del mes
        siguiente al corte (sin contar sábados, domingos ni festivos de Colombia).
      </p>
      {!view.approved && (
        <div class="notice">
          <p>
            Este plan está en borrador y nunca ha sido aprobado: su seguimiento podrá abrirse cuando
            planeación lo apruebe.
          </p>
        </div>
      )}
      {view.rows.length === 0 ? (
        <p>El tipo de plan no tiene fechas de corte. Un administrador puede configurarlas.</p>
      ) : (
        <table class="table table--stack">
          <caption class="visually-hidden">Cortes de la vigencia {plan.year}</caption>
          <thead>
            <tr>
              <th scope="col">Corte</th>
              <th scope="col">Periodo</th>
              <th scope="col">Plazo para publicar</th>
              <th scope="col">Estado</th>
              <th scope="col">Acción</th>
            </tr>
          </thead>
          <tbody>
            {view.rows.map((row) => (
              <tr>
                <th scope="row">{dayText(row.cutOn)}</th>
                <td data-label="Periodo">{row.periodLabel}</td>
                <td data-label="Plazo para publicar">
                  {dayText(row.dueOn)}
                  {props.canOpen && <DeadlineWarning warning={row.warning} />}
                </td>
                <td data-label="Estado">
                  <CutStateTag state={row.state} />
                  {row.followup && (
                    <p class="hint">
                      Abierto el {formatDateTime(row.followup.openedAt)}: reportes hasta el corte bloqueados.
                      {row.followup.publishedAt &&
                        ` Publicado el ${formatDateTime(row.followup.publishedAt)}${
                          row.followup.publishedAt && row.followup.report
                            ? `, calificación ${percent(row.followup.report.score)}`
                            : ""
                        }.`}
                    </p>
                  )}
                </td>
                <td data-label="Acción">
                  <CutAction
                    row={row}
                    planId={plan.id}
                    canOpen={props.canOpen}
                    csrf={ctx.csrfToken}
                    approved={view.approved}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
