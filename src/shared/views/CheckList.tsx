/** Pass/fail results of automatic checks, what to fix first. */
export function CheckList({ checks }: { checks: { ok: boolean; message: string }[] }) {
  return (
    <ul class="check-list">
      {[...checks.filter((c) => !c.ok), ...checks.filter((c) => c.ok)].map((check) => (
        <li class={check.ok ? "check check--ok" : "check check--fail"}>
          <span class="check__mark" aria-hidden="true">
            {check.ok ? "✓" : "✗"}
          </span>
          <span class="visually-hidden">{check.ok ? "Cumple: " : "No cumple: "}</span>
          {check.message}
        </li>
      ))}
    </ul>
  );
}
