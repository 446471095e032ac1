// One follow-up: its cut, due date and state, the activities scheduled up to the cut by component and
// subcomponent with what the offices reported and their evidence, OCI's verification form per activity,
// and closing, publishing and the report's downloads.
import type { FormErrors } from "../../shared/forms.ts";
import { formatDateTime } from "../../shared/time.ts";
import { BackLink, Button, CsrfField, ErrorSummary, Notice } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { countOf, formatNumber, withoutFinalStop } from "../../shared/words.ts";
import { headingOf } from "../plans/tree.rules.ts";
import { Activity, fieldId, type VerifyProblem } from "./followups.activity.views.tsx";
import { AsReportedForm, ComponentNav, selectedGroup } from "./followups.components.views.tsx";
import { dayText } from "./followups.rules.ts";
import type { FollowupSheet } from "./followups.service.ts";
import { CutStateTag, DeadlineWarning, Score } from "./followups.views.tsx";

export type { VerifyProblem } from "./followups.activity.views.tsx";

function Actions(props: { sheet: FollowupSheet; csrf: string }) {
  const { followup } = props.sheet;
  if (followup.status === "abierto")
    return (
      <form method="post" action={`/seguimientos/${followup.id}/cerrar`} class="section">
        <CsrfField token={props.csrf} />
        <h2 class="heading-m">Cerrar el seguimiento</h2>
        <p>
          Al cerrarlo se congela el informe con las calificaciones de cada componente y del plan. Todas las
          actividades deben estar verificadas.
        </p>
        <Button>Cerrar el seguimiento</Button>
      </form>
    );
  if (followup.status === "cerrado")
    return (
      <form method="post" action={`/seguimientos/${followup.id}/publicar`} class="section">
        <CsrfField token={props.csrf} />
        <h2 class="heading-m">Publicar el informe</h2>
        <p>
          El informe quedará en la página pública del plan, en Transparencia, con la fecha de hoy como fecha
          de publicación. Plazo: {dayText(followup.dueOn)}.
        </p>
        <div class="checkbox form-field">
          <input type="checkbox" id="confirm-publish" name="confirm" value="si" required />
          <label for="confirm-publish">
            Revisé el informe: una vez publicado no se puede retirar ni cambiar.
          </label>
        </div>
        <Button>Publicar el informe</Button>
      </form>
    );
  return null;
}

export function FollowupPage(props: {
  ctx: PageContext;
  sheet: FollowupSheet;
  canAct: boolean;
  /** Activities that keep it from closing (a refused close). */
  missing?: { code: string | null; label: string }[];
  problem?: VerifyProblem;
  /** The component to show (`?componente=`); see selectedGroup. */
  componentId?: string;
}) {
  const { ctx, sheet } = props;
  const { followup, plan } = sheet;
  const levels = plan.levelNames;
  const group = selectedGroup(sheet, props.componentId, props.problem);
  const errors: FormErrors = {};
  if (props.missing?.length)
    errors._form = `No se puede cerrar: faltan por verificar ${countOf(props.missing.length, "actividad", "actividades")}: ${props.missing.map((m) => withoutFinalStop(m.label)).join("; ")}.`;
  for (const [field, message] of Object.entries(props.problem?.errors ?? {}))
    errors[fieldId(props.problem?.itemId ?? "", field)] = message;
  const title = `Seguimiento del corte del ${dayText(followup.cutOn)}`;
  return (
    <Layout ctx={ctx} title={`${title}: ${plan.title}`}>
      <BackLink href={`/planes/${plan.id}/seguimientos`}>Volver a los seguimientos del plan</BackLink>
      <ErrorSummary errors={errors} />
      <h1>{title}</h1>
      <p class="lead">{plan.title}</p>
      <dl class="summary-list">
        <div>
          <dt>Periodo</dt>
          <dd>{sheet.periodLabel}</dd>
        </div>
        <div>
          <dt>Estado</dt>
          <dd>
            <CutStateTag state={followup.status} />
          </dd>
        </div>
        <div>
          <dt>Actividades verificadas</dt>
          <dd>
            {formatNumber(sheet.verified)} de {formatNumber(sheet.total)} verificadas
          </dd>
        </div>
        <div>
          <dt>Plazo para publicar</dt>
          <dd>{dayText(followup.dueOn)}</dd>
        </div>
        <div>
          <dt>Publicado el</dt>
          <dd>
            {followup.publishedAt ? formatDateTime(followup.publishedAt) : "Sin publicar"}
            {sheet.late && <strong class="tag tag--espera">Publicado después del plazo</strong>}
          </dd>
        </div>
        {followup.report && (
          <div>
            <dt>Calificación del plan</dt>
            <dd>
              <Score value={followup.report.score} zone={followup.report.zone} />
            </dd>
          </div>
        )}
      </dl>
      {props.canAct && <DeadlineWarning warning={sheet.warning} />}
      <Notice>
        <p>
          Desde que se abrió este seguimiento ({formatDateTime(followup.openedAt)}), los reportes de los
          periodos que terminan hasta el {dayText(followup.cutOn)} están bloqueados: las dependencias ya no
          pueden cambiarlos ni agregarles evidencias.
        </p>
      </Notice>
      <h2 class="heading-m">Informe</h2>
      <ul>
        <li>
          <a href={`/seguimientos/${followup.id}/informe.xlsx`}>Descargar el informe en Excel</a>
          {followup.status === "abierto" && (
            <span class="hint"> (borrador: el seguimiento sigue en curso)</span>
          )}
        </li>
        <li>
          <a href={`/seguimientos/${followup.id}/informe.pdf`}>Descargar el informe en PDF</a>
          {followup.status === "abierto" && <span class="hint"> (borrador)</span>}
        </li>
        {followup.status === "publicado" && sheet.planPublic && (
          <li>
            <a href={`/transparencia/planes/${plan.slug}/seguimientos/${followup.cutOn}`}>
              Ver la página pública del informe
            </a>
          </li>
        )}
      </ul>
      {followup.status !== "abierto" && !sheet.planPublic && (
        <Notice>
          <p>
            El plan todavía no tiene una versión publicada en Transparencia: el informe publicado se verá en
            la página pública del plan cuando planeación lo publique.
          </p>
        </Notice>
      )}
      {props.canAct && <Actions sheet={sheet} csrf={ctx.csrfToken} />}
      <p class="lead section">Actividades programadas hasta el corte, por {levels[0].toLowerCase()}:</p>
      {sheet.total === 0 && <p>Ninguna actividad del plan empezaba antes del corte.</p>}
      <ComponentNav sheet={sheet} selected={group} />
      {group && (
        <section class="section" aria-labelledby={`c-${group.component.id}`}>
          <h2 id={`c-${group.component.id}`}>{headingOf(group.component, levels[0])}</h2>
          {props.canAct && <AsReportedForm sheet={sheet} group={group} csrf={ctx.csrfToken} />}
          {group.parts.map((part) => (
            <>
              {part.heading && <h3>{headingOf(part.heading, levels[1])}</h3>}
              {part.activities.map((activity) => (
                <Activity
                  activity={activity}
                  sheet={sheet}
                  canAct={props.canAct}
                  csrf={ctx.csrfToken}
                  problem={props.problem}
                  componentId={group.component.id}
                />
              ))}
            </>
          ))}
        </section>
      )}
    </Layout>
  );
}
