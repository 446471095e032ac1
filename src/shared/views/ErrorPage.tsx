import { Layout } from "./Layout.tsx";
import type { PageContext } from "./page.ts";

const TITLES: Record<number, string> = {
  400: "No pudimos procesar la solicitud",
  403: "No tiene permiso para ver esta página",
  404: "No encontramos la página",
  413: "El envío es demasiado grande",
  422: "Revise los datos enviados",
  429: "Demasiadas solicitudes",
  500: "Ocurrió un error en SIPAP",
  503: "SIPAP no está disponible en este momento",
};

export function ErrorPage({ ctx, status, message }: { ctx: PageContext; status: number; message: string }) {
  const title = TITLES[status] ?? "Ocurrió un error";
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">{message}</p>
      <p>
        <a href="/">Volver al inicio</a>
      </p>
      <p class="hint">
        Si necesita ayuda, escriba a{" "}
        <a href={`mailto:${ctx.entity.supportEmail}`}>{ctx.entity.supportEmail}</a> e incluya este código de
        soporte: <strong class="request-id">{ctx.requestId}</strong>
      </p>
    </Layout>
  );
}
