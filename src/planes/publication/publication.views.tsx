// The «Transparencia» section's index (Res. 1519 de 2020, Anexo 2), the list of published plans and the
// documentation of their open data. Public pages: plain language, no personal data.
import { formatDate } from "../../shared/time.ts";
import { BackLink, Button, Select } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { countOf } from "../../shared/words.ts";
import { type FieldDoc, OPEN_DATA_FORMAT } from "./publication.opendata.rules.ts";
import { planPath } from "./publication.rules.ts";
import type { PlanListing } from "./publication.service.ts";

export function TransparencyPage({ ctx }: { ctx: PageContext }) {
  const { name, website } = ctx.entity;
  return (
    <Layout ctx={ctx} title="Transparencia y acceso a la información pública">
      <h1>Transparencia y acceso a la información pública</h1>
      <p class="lead">
        Aquí la {name} publica sus planes institucionales, como lo piden la Ley 1712 de 2014 y la Ley 1474 de
        2011. Puede consultarlos sin registrarse, desde el celular o el computador, y descargarlos.
      </p>
      <p>
        Las categorías siguen la numeración del menú de transparencia de la Resolución 1519 de 2020 (Anexo 2).
        Las demás categorías del menú están en el <a href={website}>sitio web de la entidad</a>.
      </p>
      <section aria-labelledby="cat-4">
        <h2 id="cat-4">4. Planeación, presupuesto e informes</h2>
        <ul>
          <li>
            <a href="/transparencia/planes?tipo=paac">
              Plan Anticorrupción y de Atención al Ciudadano / Programa de Transparencia y Ética Pública
            </a>
            : lo que la entidad hace cada año para prevenir la corrupción y atender mejor a la ciudadanía.
          </li>
          <li>
            <a href="/transparencia/planes?tipo=accion">Plan de Acción Institucional</a>: las actividades de
            cada dependencia en el año, con sus responsables y fechas.
          </li>
          <li>
            <a href="/transparencia/planes?tipo=mejoramiento">Planes de mejoramiento</a>: las acciones para
            corregir lo que encontraron las auditorías y los seguimientos.
          </li>
          <li>
            <a href="/transparencia/planes">Todos los planes publicados</a>, por año y tipo, con sus versiones
            y cambios.
          </li>
        </ul>
      </section>
      <section aria-labelledby="cat-7">
        <h2 id="cat-7">7. Datos abiertos</h2>
        <ul>
          <li>
            <a href="/transparencia/datos-abiertos">Datos abiertos de los planes</a>: cada plan publicado en
            CSV y JSON, con la explicación de cada campo.
          </li>
        </ul>
      </section>
      <section aria-labelledby="otras-consultas">
        <h2 id="otras-consultas">Otras consultas</h2>
        <ul>
          <li>
            <a href="/verificar">Verificar un carnet</a>: compruebe si el carnet de un servidor de la entidad
            es válido.
          </li>
        </ul>
      </section>
    </Layout>
  );
}

export function PlansListPage(props: {
  ctx: PageContext;
  listing: PlanListing;
  filters: { vigencia: string; tipo: string };
}) {
  const { listing, filters } = props;
  const filtered = Boolean(filters.vigencia || filters.tipo);
  const count = countOf(listing.total, "plan publicado", "planes publicados");
  return (
    <Layout ctx={props.ctx} title="Planes publicados">
      <BackLink href="/transparencia">Transparencia</BackLink>
      <h1>Planes publicados</h1>
      <p class="lead">
        Los planes de la entidad tal como fueron aprobados y publicados. Cada plan muestra sus actividades,
        responsables y fechas, y sus versiones con los cambios.
      </p>
      {listing.types.length > 0 && (
        <form method="get" action="/transparencia/planes" class="search-form">
          <Select
            name="vigencia"
            label="Vigencia"
            options={listing.years.map((year) => ({ value: String(year), label: String(year) }))}
            values={filters}
            emptyLabel="Todas"
          />
          <Select
            name="tipo"
            label="Tipo de plan"
            options={listing.types.map((type) => ({ value: type.key, label: type.name }))}
            values={filters}
            emptyLabel="Todos"
          />
          <Button variant="secondary">Filtrar</Button>
        </form>
      )}
      <p>
        {listing.type?.published === 0
          ? "Todavía no hay planes de este tipo publicados."
          : filtered
            ? `${count} con estos filtros.`
            : `${count}.`}
        {filtered && (
          <>
            {" "}
            <a href="/transparencia/planes">Ver todos</a>
          </>
        )}
      </p>
      {listing.groups.map((group) => (
        <section aria-labelledby={`vigencia-${group.year}`}>
          <h2 id={`vigencia-${group.year}`}>Vigencia {group.year}</h2>
          {group.types.map((type) => (
            <>
              <h3>{type.name}</h3>
              <ul>
                {type.plans.map((plan) => (
                  <li>
                    <a href={planPath(plan.slug)}>{plan.title}</a>
                    <br />
                    <span class="hint">
                      Versión {plan.version}
                      {plan.publishedAt && ` · publicada el ${formatDate(plan.publishedAt)}`} ·{" "}
                      {plan.statusLabel.toLowerCase()}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ))}
        </section>
      ))}
    </Layout>
  );
}

function FieldTable({ caption, fields }: { caption: string; fields: readonly FieldDoc[] }) {
  return (
    <table class="table table--compact table--stack">
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Campo</th>
          <th scope="col">Tipo</th>
          <th scope="col">Descripción</th>
          <th scope="col">Ejemplo</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((field) => (
          <tr>
            <td data-label="Campo">
              <code>{field.name}</code>
            </td>
            <td data-label="Tipo">{field.type}</td>
            <td data-label="Descripción">{field.description}</td>
            <td data-label="Ejemplo">
              {field.example === "" ? <span class="hint">(vacío)</span> : field.example}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Example({ label, text }: { label: string; text: string }) {
  return (
    <section class="table-scroll" tabindex={0} aria-label={label}>
      <pre>
        <code>{text}</code>
      </pre>
    </section>
  );
}

export function OpenDataPage(props: {
  ctx: PageContext;
  example: { csv: string; json: string; fields: { csv: FieldDoc[]; json: FieldDoc[] } };
}) {
  const { ctx, example } = props;
  const { name } = ctx.entity;
  return (
    <Layout ctx={ctx} title="Datos abiertos de los planes">
      <BackLink href="/transparencia">Transparencia</BackLink>
      <h1>Datos abiertos de los planes</h1>
      <p class="lead">
        Cada plan publicado se puede descargar como datos abiertos, en CSV (una tabla) y en JSON (el plan
        completo), para analizarlo o publicarlo en datos.gov.co.
      </p>
      <div class="notice">
        <p>
          <strong>Datos abiertos de la {name}.</strong> Son información pública (Ley 1712 de 2014): cualquier
          persona puede consultarlos, copiarlos, usarlos y redistribuirlos sin pedir permiso, citando como
          fuente a la {name} y sin cambiar su sentido.
        </p>
      </div>
      <h2>Dónde están</h2>
      <p>
        En la página de cada plan, en «Descargar este plan». La dirección de los datos no cambia:{" "}
        <code>/transparencia/planes/&lt;plan&gt;/datos.csv</code> y{" "}
        <code>/transparencia/planes/&lt;plan&gt;/datos.json</code> dan la versión vigente; agregue{" "}
        <code>?version=1</code> (o el número que busque) para una versión anterior publicada.
      </p>
      <h2>Formato</h2>
      <dl class="summary-list">
        {OPEN_DATA_FORMAT.map((rule) => (
          <div>
            <dt>{rule.label}</dt>
            <dd>{rule.rule}</dd>
          </div>
        ))}
      </dl>
      <h2>Campos del CSV</h2>
      <p>
        Una fila por cada actividad y cada uno de sus periodos: una actividad con tres periodos ocupa tres
        filas. Un elemento que solo remite a otro documento ocupa una fila con su nota. Los nombres de los
        niveles cambian con el tipo de plan (componente, subcomponente y actividad en el PAAC; actividad de
        gestión, alternativa de mejora y tarea en las matrices), por eso cada fila los trae.
      </p>
      <FieldTable caption="Campos del CSV" fields={example.fields.csv} />
      <h2>Campos del JSON</h2>
      <p>
        Un documento con la entidad, los datos del plan, sus elementos en árbol (cada uno con sus hijos en{" "}
        <code>children</code>), sus versiones y su registro de cambios. Los campos se nombran por su ruta.
      </p>
      <FieldTable caption="Campos del JSON" fields={example.fields.json} />
      <h2>Ejemplo</h2>
      <p>
        Primeras filas del CSV y comienzo del JSON de un plan de ejemplo (un extracto del PAAC 2022). Los
        ejemplos de las tablas de campos son valores de este mismo plan.
      </p>
      <Example label="Ejemplo de CSV" text={example.csv} />
      <Example label="Ejemplo de JSON" text={example.json} />
      <h2>Cómo llevarlos a datos.gov.co</h2>
      <ol>
        <li>Descargue el CSV de la versión vigente del plan desde su página.</li>
        <li>
          Ingrese a datos.gov.co con la cuenta de publicador de la entidad y cree un conjunto de datos nuevo
          (o abra el del plan, si ya existe).
        </li>
        <li>
          Cargue el archivo CSV. La plataforma reconoce el separador (coma), la codificación (UTF-8) y las
          fechas ISO 8601.
        </li>
        <li>
          Complete los metadatos: título (el del plan y su vigencia), descripción, entidad ({name}),
          categoría, etiquetas, frecuencia de actualización («cuando se publica una nueva versión») y
          licencia.
        </li>
        <li>Copie en la descripción de cada columna el texto de la tabla «Campos del CSV» de esta página.</li>
        <li>
          Cuando el plan tenga una nueva versión, reemplace los datos del conjunto con el CSV de esa versión;
          la columna <code>version</code> dice cuál es.
        </li>
      </ol>
    </Layout>
  );
}
