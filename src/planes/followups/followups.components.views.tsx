// The follow-up sheet one component at a time (a 55-activity cut is one long page otherwise): the list of
// components with how many activities OCI has verified in each, and the shortcut that verifies a
// component's pending activities at the percentage the offices reported and planeación validated.
import { Button, CsrfField } from "../../shared/views/components.tsx";
import { countOf, formatNumber, pluralize } from "../../shared/words.ts";
import { headingOf } from "../plans/tree.rules.ts";
import type { VerifyProblem } from "./followups.activity.views.tsx";
import type { FollowupSheet, SheetActivity, SheetGroup } from "./followups.service.ts";

const activitiesOf = (group: SheetGroup) => group.parts.flatMap((part) => part.activities);
/** Not verified yet, with a validated report to take the percentage from. */
const pendingAsReported = (group: SheetGroup) =>
  activitiesOf(group).filter((a: SheetActivity) => !a.verification && a.reported !== null);

/**
 * The component to show: the one asked for, else the one holding the activity whose form was refused,
 * else the first with work left, else the first.
 */
export function selectedGroup(
  sheet: FollowupSheet,
  componentId: string | undefined,
  problem: VerifyProblem | undefined,
): SheetGroup | undefined {
  const { groups } = sheet;
  return (
    groups.find((g) => g.component.id === componentId) ??
    groups.find((g) => activitiesOf(g).some((a) => a.leaf.id === problem?.itemId)) ??
    groups.find((g) => activitiesOf(g).some((a) => !a.verification)) ??
    groups[0]
  );
}

export function ComponentNav(props: { sheet: FollowupSheet; selected: SheetGroup | undefined }) {
  const { sheet } = props;
  const level = sheet.plan.levelNames[0];
  return (
    <nav aria-label={`${level}s del seguimiento`} class="section">
      <ul class="task-list">
        {sheet.groups.map((group) => {
          const activities = activitiesOf(group);
          const done = activities.filter((a) => a.verification).length;
          const current = group === props.selected;
          return (
            <li class="task">
              <a
                href={`/seguimientos/${sheet.followup.id}?componente=${group.component.id}`}
                aria-current={current ? "page" : undefined}
              >
                {headingOf(group.component, level)}
              </a>
              <p class="hint">
                {formatNumber(done)} de{" "}
                {countOf(activities.length, "actividad verificada", "actividades verificadas")}
                {current && " · abierto abajo"}
              </p>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

export function AsReportedForm(props: { sheet: FollowupSheet; group: SheetGroup; csrf: string }) {
  const pending = pendingAsReported(props.group).length;
  if (pending === 0 || props.sheet.followup.status !== "abierto") return null;
  const { followup } = props.sheet;
  return (
    <form
      method="post"
      action={`/seguimientos/${followup.id}/componentes/${props.group.component.id}/como-reportado`}
    >
      <CsrfField token={props.csrf} />
      <p>
        {countOf(pending, "actividad", "actividades")} de este componente sin verificar{" "}
        {pluralize(pending, "tiene", "tienen")} avance validado por planeación. Puede verificarlas con ese
        porcentaje de una vez y luego corregir, una por una, las que no coincidan con lo que encontró.
      </p>
      <Button variant="secondary">Verificar con el porcentaje reportado</Button>
    </form>
  );
}
