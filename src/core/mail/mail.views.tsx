import { formatDateTime } from "../../shared/time.ts";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import type { OutboxMessage } from "./mail.table.ts";

const STATUS = { pendiente: "Por enviar", enviado: "Enviado", fallido: "Falló" } as const;

export function OutboxPage(props: { ctx: PageContext; messages: OutboxMessage[]; smtpConfigured: boolean }) {
  const { ctx, messages } = props;
  return (
    <Layout ctx={ctx} title="Correos">
      <h1>Correos</h1>
      <p class="lead">
        {props.smtpConfigured
          ? "Correos que SIPAP envía a cada persona. Los que fallan se reintentan solos."
          : "No hay un servidor de correo configurado (SMTP_URL): los correos quedan aquí para que usted los haga llegar a cada persona."}
      </p>
      {messages.length === 0 ? (
        <p>No hay correos.</p>
      ) : (
        <ul class="message-list">
          {messages.map((m) => (
            <li class="message">
              <p>
                <strong>{m.subject}</strong> · para {m.recipient}
              </p>
              <p class="hint">
                {formatDateTime(m.createdAt)} · {STATUS[m.status]}
                {m.attempts > 0 && ` · ${m.attempts} intento(s)`}
                {m.lastError && ` · último error: ${m.lastError}`}
              </p>
              {m.body && <pre class="message__body">{m.body}</pre>}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
