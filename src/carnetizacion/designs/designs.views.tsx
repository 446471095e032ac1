import type { FormErrors } from "../../shared/forms.ts";
import { formatDateTime } from "../../shared/time.ts";
import { Button, CsrfField, ErrorSummary, Field, FileField } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";

interface DesignSummary {
  id: string;
  name: string;
  active: boolean;
  createdAt: Date;
}

function Preview({ id, hasBack, name }: { id: string; hasBack: boolean; name: string }) {
  return (
    <div class="review">
      <figure class="review__figure">
        <img
          class="card-preview"
          src={`/admin/diseno-carnet/${id}/anverso`}
          alt={`Anverso del diseño «${name}» con datos de ejemplo`}
          width="600"
          height="378"
        />
        <figcaption>Anverso, con datos de ejemplo</figcaption>
      </figure>
      {hasBack && (
        <figure class="review__figure">
          <img
            class="card-preview"
            src={`/admin/diseno-carnet/${id}/reverso`}
            alt={`Reverso del diseño «${name}» con datos de ejemplo`}
            width="600"
            height="378"
          />
          <figcaption>Reverso</figcaption>
        </figure>
      )}
    </div>
  );
}

export function DesignPage(props: {
  ctx: PageContext;
  current: { id: string; name: string; hasBack: boolean };
  candidate?: { id: string; name: string; hasBack: boolean };
  designs: DesignSummary[];
  errors?: FormErrors;
  values?: Record<string, string>;
}) {
  const { ctx, current, candidate, errors = {} } = props;
  return (
    <Layout ctx={ctx} title="Diseño del carnet">
      <ErrorSummary errors={errors} />
      <h1>Diseño del carnet</h1>
      {candidate && (
        <section class="section">
          <h2 class="heading-m">Vista previa: «{candidate.name}»</h2>
          <Preview {...candidate} />
          <form method="post" action={`/admin/diseno-carnet/${candidate.id}/activar`}>
            <CsrfField token={ctx.csrfToken} />
            <p>Los lotes que se generen desde ahora usarán este diseño. Los PDF ya generados no cambian.</p>
            <Button>Usar este diseño</Button>
          </form>
        </section>
      )}
      <section class="section">
        <h2 class="heading-m">Diseño en uso: «{current.name}»</h2>
        <Preview {...current} />
      </section>
      <section class="section">
        <h2 class="heading-m">Subir otro diseño</h2>
        <p>
          El diseño es un archivo SVG del tamaño de un carnet CR80 (85,6 × 53,98 mm, horizontal). Cada dato va
          en un elemento con su <code>id</code>: <code>foto</code>, <code>nombres</code>,{" "}
          <code>apellidos</code>, <code>documento</code>, <code>dependencia</code>, <code>cargo</code>,{" "}
          <code>grupo-sanguineo</code>, <code>vigencia</code>, <code>codigo</code> y <code>qr</code>. El
          reverso puede llevar <code>qr-firmado</code>. No se aceptan scripts ni enlaces a archivos externos.
        </p>
        <p>
          El carnet se imprime en Work Sans (o en Montserrat, si el diseño la pide), con la fuente incluida en
          el PDF; la vista previa usa los mismos archivos de fuente, así que muestra el texto tal como saldrá
          impreso. Un dato largo se ajusta a su caja, que usted define con <code>data-max-width</code>{" "}
          (ancho), <code>data-max-lines</code> (cuántas líneas) y <code>data-max-height</code> (alto): primero
          pasa a dos líneas, luego la letra se reduce hasta 5,5 puntos y solo después se corta con «…».
        </p>
        <form method="post" action="/admin/diseno-carnet" enctype="multipart/form-data" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <Field name="name" label="Nombre del diseño" values={props.values} errors={errors} width="medium" />
          <FileField
            name="front"
            label="Anverso (SVG)"
            hint="Obligatorio. Hasta 2 MB."
            accept=".svg,image/svg+xml"
            error={errors.front}
          />
          <FileField
            name="back"
            label="Reverso (SVG)"
            hint="Opcional. Hasta 2 MB."
            accept=".svg,image/svg+xml"
            error={errors.back}
          />
          <Button>Subir y ver la vista previa</Button>
        </form>
      </section>
      {props.designs.length > 0 && (
        <section class="section">
          <h2 class="heading-m">Diseños subidos</h2>
          <table class="table table--compact">
            <caption class="visually-hidden">Diseños subidos</caption>
            <thead>
              <tr>
                <th scope="col">Diseño</th>
                <th scope="col">Subido</th>
                <th scope="col">Estado</th>
              </tr>
            </thead>
            <tbody>
              {props.designs.map((design) => (
                <tr>
                  <td>
                    <a href={`/admin/diseno-carnet?diseno=${design.id}`}>{design.name}</a>
                  </td>
                  <td>{formatDateTime(design.createdAt)}</td>
                  <td>{design.active ? "En uso" : "Sin usar"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {current.id !== "predeterminado" && (
            <form method="post" action="/admin/diseno-carnet/predeterminado/activar" class="section">
              <CsrfField token={ctx.csrfToken} />
              <Button variant="secondary">Volver al diseño predeterminado de SIPAP</Button>
            </form>
          )}
        </section>
      )}
    </Layout>
  );
}
