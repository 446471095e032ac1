// Carnetización's part of resumen.html in the «Mis datos» archive: cards, photos and the lists that name
// the person, built with core's summary components so the page reads as one.
import { day, HistoryTable, Table, when } from "../core/mydata/mydata.summary.views.tsx";
import { endSentence } from "../shared/time.ts";
import { countOf } from "../shared/words.ts";
import type { CarnetizacionMyData } from "./carnetizacion.mydata.ts";

export function CarnetizacionSummary({ data }: { data: CarnetizacionMyData }) {
  return (
    <>
      <h2>Carnets</h2>
      <p>{countOf(data.carnets.length, "carnet", "carnets")}.</p>
      {data.carnets.map((card, i) => (
        <section>
          <h3>{`Carnet ${i + 1}${card.codigo ? ` (código ${card.codigo})` : ""}: ${card.estado}`}</h3>
          <p>
            {endSentence(`Solicitado el ${when(card.solicitadoEl)}`)} Vigente hasta: {day(card.vigenteHasta)}.
            {card.motivoInhabilitacion && ` Inhabilitado por: ${card.motivoInhabilitacion}.`}
          </p>
          <HistoryTable caption={`Historial del carnet ${i + 1}`} history={card.historial} />
        </section>
      ))}

      <h2>Fotos</h2>
      <p>{countOf(data.fotos.length, "foto", "fotos")}.</p>
      {data.fotos.map((photo, i) => (
        <section>
          <h3>{`Foto ${i + 1}, subida el ${when(photo.subidaEl)}: ${photo.estado}`}</h3>
          <p>
            {photo.archivos.original ? (
              <>
                Archivos: <a href={photo.archivos.retrato}>retrato</a> y{" "}
                <a href={photo.archivos.original}>original como se subió</a>.
              </>
            ) : (
              <>
                Archivo: <a href={photo.archivos.retrato}>retrato</a> (el original se borró al cumplirse el
                plazo de conservación).
              </>
            )}{" "}
            Subida por: {photo.subidaPor}.
            {photo.motivoDeRechazo && ` Motivo del rechazo: ${photo.motivoDeRechazo}.`}
            {photo.suExplicacion && ` Su explicación: ${photo.suExplicacion}.`}
          </p>
          <Table
            caption={`Revisión automática de la foto ${i + 1}`}
            headers={["Resultado", "Superada"]}
            rows={photo.revisionAutomatica.revisiones.map((c) => [c.resultado, c.superada ? "Sí" : "No"])}
            empty="Sin revisión automática registrada."
          />
          <HistoryTable caption={`Historial de la foto ${i + 1}`} history={photo.historial} />
        </section>
      ))}

      <h2>Listas de su dependencia que lo nombran</h2>
      <Table
        caption="Listas enviadas por las dependencias con una fila sobre usted"
        headers={["Campaña", "Dependencia", "Lista", "Estado", "Enviada"]}
        rows={data.listasQueLoNombran.map((l) => [
          l.campana,
          l.dependencia,
          l.lista,
          l.estado,
          when(l.enviadaEl),
        ])}
        empty="Ninguna lista lo nombra."
      />
    </>
  );
}
