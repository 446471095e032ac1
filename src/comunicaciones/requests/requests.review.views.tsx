// OCS's queue (bandeja): requests to take, in review and approved, the oldest first.
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import type { RequestListItem } from "./requests.service.ts";
import { RequestTable } from "./requests.views.tsx";

export function QueuePage({ ctx, rows }: { ctx: PageContext; rows: RequestListItem[] }) {
  const groups = [
    { title: "Nuevas, por tomar", rows: rows.filter((r) => r.request.state === "nuevo") },
    { title: "En revisión", rows: rows.filter((r) => r.request.state === "en_revision") },
    { title: "Aprobadas", rows: rows.filter((r) => r.request.state === "aprobado") },
  ];
  return (
    <Layout ctx={ctx} title="Solicitudes de comunicación">
      <h1>Solicitudes de comunicación</h1>
      {groups.map((group) => (
        <section aria-label={group.title}>
          <h2>
            {group.title} ({group.rows.length})
          </h2>
          {group.rows.length === 0 ? <p>Ninguna.</p> : <RequestTable rows={group.rows} showRequester />}
        </section>
      ))}
    </Layout>
  );
}
