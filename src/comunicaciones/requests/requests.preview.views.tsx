// The preview of a request: the message as its first recipient would read it (fields filled), how many
// receive it, and every address dropped, by reason.

import { BackLink, Notice } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { countOf } from "../../shared/words.ts";
import { DROP_REASON_LABELS } from "../messages/addresses.rules.ts";
import { TEMPLATE_FIELDS } from "../messages/messages.rules.ts";
import type { RequestPreview } from "./requests.service.ts";

export function PreviewPage({ ctx, preview }: { ctx: PageContext; preview: RequestPreview }) {
  const reasons = Object.entries(preview.byReason) as [keyof typeof DROP_REASON_LABELS, number][];
  return (
    <Layout ctx={ctx} title={`Vista previa de ${preview.code}`}>
      <BackLink href={`/comunicaciones/solicitudes/${preview.request.id}`}>Volver a la solicitud</BackLink>
      <h1>Vista previa de la solicitud {preview.code}</h1>
      <dl class="summary-list">
        <div>
          <dt>Recibirán el mensaje</dt>
          <dd>{countOf(preview.recipients, "persona", "personas")}</dd>
        </div>
        <div>
          <dt>No lo recibirán</dt>
          <dd>
            {preview.droppedCount === 0
              ? "Nadie"
              : reasons.map(([reason, n]) => `${DROP_REASON_LABELS[reason]}: ${n}`).join("; ")}
          </dd>
        </div>
      </dl>
      {preview.first ? (
        <section aria-labelledby="sample-title">
          <h2 id="sample-title">
            Así lo leerá {preview.first.name || preview.first.email} ({preview.first.email})
          </h2>
          <p>
            <strong>Asunto:</strong> {preview.subject}
          </p>
          <div class="message-body" style="white-space: pre-wrap">
            {preview.body}
          </div>
          <p class="hint">
            Campos que se llenan para cada destinatario:{" "}
            {TEMPLATE_FIELDS.map((f) => `{{${f}}} = «${preview.fields[f] ?? ""}»`).join(", ")}.
          </p>
        </section>
      ) : (
        <Notice>Nadie recibiría este mensaje.</Notice>
      )}
      {preview.droppedCount > 0 && (
        <section aria-labelledby="dropped-title">
          <h2 id="dropped-title">No recibirán el mensaje ({preview.droppedCount})</h2>
          <p>Comunicaciones solo escribe a correos institucionales, una vez a cada uno.</p>
          <ul>
            {preview.dropped.map((d) => (
              <li>
                {d.name ? `${d.name} ` : ""}
                {d.email ? `<${d.email}>` : ""}: {DROP_REASON_LABELS[d.reason]}
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}
