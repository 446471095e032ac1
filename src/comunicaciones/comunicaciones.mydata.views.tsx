// Comunicaciones' part of resumen.html in the «Mis datos» archive, built with core's summary components so
// the page reads as one.
import { Table, text, when } from "../core/mydata/mydata.summary.views.tsx";
import { countOf } from "../shared/words.ts";
import type { ComunicacionesMyData } from "./comunicaciones.mydata.ts";

export function ComunicacionesSummary({ data }: { data: ComunicacionesMyData }) {
  return (
    <>
      <h2>Mensajes institucionales dirigidos a usted</h2>
      <p>{countOf(data.mensajesRecibidos.length, "mensaje", "mensajes")}.</p>
      <Table
        caption="Mensajes de las solicitudes de comunicación que lo incluyeron"
        headers={["Solicitud", "Asunto", "Correo", "Estado", "Enviado"]}
        rows={data.mensajesRecibidos.map((m) => [
          m.solicitud,
          m.asunto,
          text(m.correo),
          m.motivo ? `${m.estado}: ${m.motivo}` : m.estado,
          when(m.enviadoEl),
        ])}
        empty="Ningún mensaje institucional lo ha incluido."
      />
      {data.avisosSobreUsted.length > 0 && (
        <Table
          caption="Avisos individuales sobre usted que aún no se han enviado"
          headers={["Solicitud", "Clase", "Estado", "Radicada"]}
          rows={data.avisosSobreUsted.map((n) => [n.solicitud, n.clase, n.estado, when(n.radicadaEl)])}
          empty=""
        />
      )}

      <h2>Solicitudes de comunicación que usted radicó</h2>
      <p>{countOf(data.solicitudesDeComunicacion.length, "solicitud", "solicitudes")}.</p>
      {data.solicitudesDeComunicacion.map((r) => (
        <section>
          <h3>{`${r.codigo}: ${r.asunto} (${r.estado})`}</h3>
          <Table
            caption={`Pasos de la solicitud ${r.codigo}`}
            headers={["Fecha", "Paso", "Por quién"]}
            rows={r.pasos.map((p) => [when(p.fecha), p.paso, p.porQuien])}
            empty="Sin pasos registrados."
          />
        </section>
      ))}

      <h2>Solicitudes de publicación que usted radicó</h2>
      <Table
        caption="Solicitudes de publicación (formato GTI-F-020)"
        headers={["Número", "Título", "Estado", "Radicada", "Observación"]}
        rows={data.solicitudesDePublicacion.map((p) => [
          p.numero,
          p.titulo,
          p.estado,
          when(p.radicadaEl),
          text(p.observacion),
        ])}
        empty="No ha radicado solicitudes de publicación."
      />
    </>
  );
}
