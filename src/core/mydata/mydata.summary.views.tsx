// resumen.html of the «Mis datos» archive: the same data as datos.json, readable, in one self-contained
// accessible page (no scripts, no outside files except the photos beside it in the archive). The areas'
// parts (mydata.sections.ts) come in between, built with the Table and HistoryTable exported here.
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { formatDateTime, formatIsoDay } from "../../shared/time.ts";
import { countOf } from "../../shared/words.ts";
import type { HistoryEntry } from "./mydata.sections.ts";
import type { MyData } from "./mydata.service.ts";

export const when = (iso: string | null) => (iso ? formatDateTime(new Date(iso)) : "—");
export const day = (isoDay: string | null) => (isoDay ? formatIsoDay(isoDay) : "—");
export const text = (value: string | null | undefined) => (value ? value : "—");

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#fff;line-height:1.5;margin:0 auto;max-width:60rem;padding:1rem 1.25rem}
h1,h2,h3{color:#004884;line-height:1.25}h1{font-size:1.9rem}h2{font-size:1.4rem;margin-top:2.25rem;border-bottom:2px solid #3366cc;padding-bottom:.25rem}h3{font-size:1.1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.25rem}th,td{border:1px solid #8a8a8a;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#e8eef8}
caption{text-align:left;font-weight:600;padding:.25rem 0}dl{display:grid;grid-template-columns:minmax(10rem,auto) 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}
a{color:#004884}a:focus{outline:3px solid #ffbf47}.muted{color:#4b4b4b}pre{white-space:pre-wrap;background:#f3f3f3;padding:.5rem;margin:0}
`;

export function Table(props: { caption: string; headers: string[]; rows: Child[][]; empty: string }) {
  if (props.rows.length === 0) return <p class="muted">{props.empty}</p>;
  return (
    <table>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          {props.headers.map((h) => (
            <th scope="col">{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((cells) => (
          <tr>
            {cells.map((cell) => (
              <td>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function HistoryTable({ caption, history }: { caption: string; history: HistoryEntry[] }) {
  return (
    <Table
      caption={caption}
      headers={["Fecha (hora de Colombia)", "De", "A", "Motivo", "Quién"]}
      rows={history.map((t) => [when(t.fecha), text(t.de), text(t.a), text(t.motivo), t.porQuien])}
      empty="Sin cambios de estado registrados."
    />
  );
}

function Summary({ data, sections, entityName }: { data: MyData; sections: Child[]; entityName: string }) {
  const p = data.persona;
  return (
    <html lang="es-CO">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Sus datos en SIPAP – {entityName}</title>
        <style>{raw(STYLE)}</style>
      </head>
      <body>
        <main>
          <h1>Sus datos en SIPAP</h1>
          <p>
            Esta es una copia de todo lo que la {entityName} guarda sobre usted en SIPAP, la plataforma de
            carnetización, generada el {data.generadoEnHoraDeColombia}. Es su derecho conocerlo (Ley 1581 de
            2012). Los mismos datos están en el archivo <code>datos.json</code>, y sus fotos en la carpeta{" "}
            <code>fotos</code>.
          </p>

          <h2>Datos personales</h2>
          <dl>
            <dt>Documento</dt>
            <dd>{`${p.tipoDocumento} ${p.numeroDocumento}`}</dd>
            <dt>Nombres</dt>
            <dd>{p.nombres}</dd>
            <dt>Apellidos</dt>
            <dd>{p.apellidos}</dd>
            <dt>Correo</dt>
            <dd>{text(p.correo)}</dd>
            <dt>Teléfono</dt>
            <dd>{text(p.telefono)}</dd>
            <dt>Grupo sanguíneo y RH</dt>
            <dd>{text(p.grupoSanguineo)}</dd>
            <dt>Cargo u objeto del contrato</dt>
            <dd>{text(p.cargoUObjeto)}</dd>
            <dt>Dependencia</dt>
            <dd>{text(p.dependencia)}</dd>
            <dt>Vinculación</dt>
            <dd>
              {text(p.vinculacion.tipo)}
              {p.vinculacion.contrato && `, contrato ${p.vinculacion.contrato}`}
              {p.vinculacion.inicio && `, del ${day(p.vinculacion.inicio)} al ${day(p.vinculacion.fin)}`}
            </dd>
            <dt>Registrado en SIPAP</dt>
            <dd>{when(p.registradoEl)}</dd>
            <dt>Roles</dt>
            <dd>{data.roles.map((r) => r.rol).join(", ") || "—"}</dd>
            <dt>Aviso de privacidad</dt>
            <dd>
              {data.avisoDePrivacidad.aceptadoEl
                ? `Aceptado el ${when(data.avisoDePrivacidad.aceptadoEl)}`
                : "Sin aceptar"}
            </dd>
          </dl>
          {data.cambiosDeDependencia.length > 0 && (
            <Table
              caption="Cambios de dependencia"
              headers={["Fecha", "De", "A"]}
              rows={data.cambiosDeDependencia.map((m) => [when(m.fecha), text(m.de), text(m.a)])}
              empty=""
            />
          )}

          {sections}

          <h2>Correos que SIPAP le envió</h2>
          <Table
            caption="Correos enviados a su dirección"
            headers={["Fecha", "Asunto", "Estado"]}
            rows={data.correosEnviados.map((e) => [when(e.creadoEl), e.asunto, e.estado])}
            empty="SIPAP no le ha enviado correos."
          />

          <h2>Quién del personal consultó o cambió sus datos</h2>
          <Table
            caption="Consultas y cambios hechos por otras personas, del más antiguo al más reciente"
            headers={["Fecha", "Qué hizo", "Sobre", "Quién", "Rol"]}
            rows={data.consultasYCambiosDelPersonal.map((a) => [
              when(a.fecha),
              a.accion,
              a.sobre,
              a.quien,
              a.rolesDeQuien.join(", ") || "—",
            ])}
            empty="Nadie del personal ha consultado ni cambiado sus datos."
          />

          <h2>Su actividad</h2>
          <p>
            {countOf(data.suActividad.length, "registro", "registros")} de lo que usted hizo en SIPAP
            (ingresos, cambios), del más reciente al más antiguo, están en datos.json.
          </p>
        </main>
      </body>
    </html>
  );
}

export async function renderSummary(data: MyData, sections: Child[], entityName: string): Promise<string> {
  return `<!doctype html>${await (<Summary data={data} sections={sections} entityName={entityName} />).toString()}`;
}
