// A plan's tree on its page: each top-level node as a section, the levels below as sub-headings, runs of
// activities as tables; on every level the validated progress, the expected by today, the zone (word and
// colour) and «Atrasada» when behind schedule (progress/rollup.rules.ts).
import { BehindTag, ProgressLine, percentText, ZoneTag } from "../monitoring/zone.views.tsx";
import type { PlanProgress } from "../progress/rollup.rules.ts";
import { PeriodsText, plural, ResponsablesText } from "./plans.views.tsx";
import { headingOf, type TreeNode } from "./tree.rules.ts";

interface TreeProps {
  planId: string;
  levelNames: [string, string, string];
  /** The roll-up of the whole plan (a filtered tree keeps its nodes' ids, so their figures are the full ones). */
  progress: PlanProgress;
}

/** The figures of a level: levels have names of either gender, so they read «Con atraso». */
function LevelProgress(props: { node: TreeNode; progress: PlanProgress }) {
  const figures = props.progress.byNode.get(props.node.id);
  return figures ? <ProgressLine figures={figures} behindLabel="Con atraso" /> : null;
}

export function TreeSection(props: TreeProps & { node: TreeNode }) {
  const { node, levelNames } = props;
  return (
    <section class="section">
      <h3 class="heading-m">{headingOf(node, levelNames[0])}</h3>
      <LevelProgress node={node} progress={props.progress} />
      {node.note && <p>{node.note}</p>}
      <Children {...props} nodes={node.children} caption={node.text} />
    </section>
  );
}

/** Runs of leaves as tables; a node with children as a sub-heading with its own. */
function Children(props: TreeProps & { nodes: TreeNode[]; caption: string }) {
  const groups: (TreeNode | TreeNode[])[] = [];
  for (const node of props.nodes) {
    const last = groups.at(-1);
    if (node.children.length > 0) groups.push(node);
    else if (Array.isArray(last)) last.push(node);
    else groups.push([node]);
  }
  return (
    <>
      {groups.map((group) =>
        Array.isArray(group) ? (
          <LeafTable {...props} leaves={group} />
        ) : (
          <>
            <h4>{headingOf(group, props.levelNames[group.level - 1] ?? "")}</h4>
            <LevelProgress node={group} progress={props.progress} />
            {group.note && <p>{group.note}</p>}
            <Children {...props} nodes={group.children} caption={group.text} />
          </>
        ),
      )}
    </>
  );
}

function LeafTable(props: TreeProps & { leaves: TreeNode[]; caption: string }) {
  const name = props.levelNames[2];
  // A matrix's tasks carry the expected evidence, not a product and a meta: the column shows what they have.
  const evidenceOnly = props.leaves.every((leaf) => !leaf.product && !leaf.meta);
  const column = evidenceOnly ? "Evidencia esperada" : "Producto y meta";
  return (
    <table class="table table--compact table--stack">
      <caption class="visually-hidden">
        {plural(name)} de «{props.caption}»
      </caption>
      <thead>
        <tr>
          <th scope="col">{name}</th>
          <th scope="col">{column}</th>
          <th scope="col">Responsables</th>
          <th scope="col">Fechas</th>
          <th scope="col">Avance validado</th>
        </tr>
      </thead>
      <tbody>
        {props.leaves.map((leaf) => {
          const figures = props.progress.byNode.get(leaf.id);
          return (
            <tr>
              <td data-label={name}>
                <a href={`/planes/${props.planId}/actividades/${leaf.id}`}>
                  {leaf.code && !leaf.text.startsWith(leaf.code) ? `${leaf.code} ` : ""}
                  {leaf.text}
                </a>
              </td>
              <td data-label={column}>
                {(evidenceOnly ? leaf.evidence : [leaf.product, leaf.meta].filter(Boolean).join(" · ")) ||
                  leaf.note ||
                  ""}
              </td>
              <td data-label="Responsables">
                <ResponsablesText responsables={leaf.responsables} />
              </td>
              <td data-label="Fechas">
                <PeriodsText periods={leaf.periods} />
              </td>
              <td data-label="Avance validado">
                {figures && (
                  <>
                    {percentText(figures.progress)}
                    <span class="hint"> (esperado a hoy: {percentText(figures.expected)})</span>{" "}
                    <ZoneTag zone={figures.zone} /> <BehindTag figures={figures} />
                  </>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
