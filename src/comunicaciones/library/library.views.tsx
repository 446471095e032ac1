// The public library: the list (filters by type, year and words; grouped by type, then year), a document's
// page and the page of a withdrawn one. Phone first: lists, not wide tables; least data: no staff names.
import { formatFileSize } from "../../shared/files/checks.ts";
import { formatIsoDay } from "../../shared/time.ts";
import { BackLink, Button, Field, Pagination, Select } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { DOC_TYPE_LABELS, documentLabel } from "./library.rules.ts";
import type { ListQuery } from "./library.schemas.ts";
import type { LibraryList, PublicDocument } from "./library.service.ts";

const filterValues = (query: ListQuery) => ({
  tipo: query.tipo ?? "",
  anio: query.anio ? String(query.anio) : "",
  q: query.q ?? "",
});

export function LibraryPage(props: { ctx: PageContext; list: LibraryList; query: ListQuery }) {
  const { list, query } = props;
  const values = filterValues(query);
  const filtered = Boolean(query.tipo || query.anio || query.q);
  const empty = list.groups.length === 0;
  return (
    <Layout ctx={props.ctx} title="Documentos">
      <h1>Documentos: circulares, resoluciones y planes</h1>
      <p class="lead">
        Los documentos que la Alcaldía publica, con su número, su fecha y la dependencia que los expide.
        {list.signedIn
          ? " Como usted ingresó con su cuenta, también ve los documentos internos."
          : " Los documentos internos se ven al ingresar con la cuenta de servidor."}
      </p>
      <form method="get" action="/documentos" class="search-form search-form--wide">
        <Field name="q" label="Buscar" hint="Palabras del título o del asunto, o el número" values={values} />
        <Select
          name="tipo"
          label="Tipo"
          options={list.types.map((t) => ({ value: t, label: DOC_TYPE_LABELS[t] }))}
          values={values}
          emptyLabel="Todos"
        />
        <Select
          name="anio"
          label="Año"
          options={list.years.map((y) => ({ value: String(y), label: String(y) }))}
          values={values}
          emptyLabel="Todos"
        />
        <Button variant="secondary">Buscar</Button>
      </form>
      {empty && (
        <p>{filtered ? "No hay documentos con estos filtros." : "Todavía no hay documentos publicados."}</p>
      )}
      {filtered && (
        <p>
          <a href="/documentos">Ver todos los documentos</a>
        </p>
      )}
      {list.groups.map((group) => (
        <section aria-labelledby={`tipo-${group.docType}`}>
          <h2 id={`tipo-${group.docType}`}>{group.heading}</h2>
          {group.years.map((year) => (
            <>
              <h3>{year.year}</h3>
              <ul class="document-list">
                {year.rows.map((row) => (
                  <li>
                    <a href={`/documentos/${row.slug}`}>
                      {documentLabel(row.docType, row.number, row.year)}: {row.title}
                    </a>
                    <br />
                    {row.issuingOffice} · {formatIsoDay(row.issuedOn)}
                    {row.visibility === "interno" && " · Interno"}
                  </li>
                ))}
              </ul>
            </>
          ))}
        </section>
      ))}
      <Pagination page={list.page} hasMore={list.hasMore} query={values} />
    </Layout>
  );
}

export function DocumentPage(props: { ctx: PageContext; document: PublicDocument; issuedOnText: string }) {
  const { document } = props;
  const isPdf = document.contentType === "application/pdf";
  return (
    <Layout ctx={props.ctx} title={document.label}>
      <BackLink href="/documentos">Documentos</BackLink>
      <h1>
        {document.label}: {document.title}
      </h1>
      <dl class="summary-list">
        <div>
          <dt>Tipo</dt>
          <dd>{document.typeLabel}</dd>
        </div>
        <div>
          <dt>Número</dt>
          <dd>{document.number}</dd>
        </div>
        <div>
          <dt>Fecha</dt>
          <dd>{props.issuedOnText}</dd>
        </div>
        <div>
          <dt>Expide</dt>
          <dd>{document.issuingOffice}</dd>
        </div>
        <div>
          <dt>Asunto</dt>
          <dd>{document.subject}</dd>
        </div>
        {document.section && (
          <div>
            <dt>Sección</dt>
            <dd>{document.section}</dd>
          </div>
        )}
        <div>
          <dt>Acceso</dt>
          <dd>{document.visibility === "publico" ? "Público" : "Interno (solo servidores con cuenta)"}</dd>
        </div>
        <div>
          <dt>Archivo</dt>
          <dd>
            {document.fileName} ({formatFileSize(document.size)})
          </dd>
        </div>
      </dl>
      <p>
        <a class="button" href={`/documentos/${document.slug}/archivo`}>
          {isPdf ? "Abrir el PDF" : "Descargar el documento"}
        </a>
      </p>
      <p class="hint">
        Huella SHA-256 del archivo, para comprobar que es el publicado:{" "}
        <code>{(document.sha256.match(/.{1,16}/g) ?? []).join(" ")}</code>
      </p>
    </Layout>
  );
}

export function WithdrawnPage(props: { ctx: PageContext; label: string; title: string; reason: string }) {
  return (
    <Layout ctx={props.ctx} title="Documento retirado">
      <BackLink href="/documentos">Documentos</BackLink>
      <h1>Documento retirado</h1>
      <p>
        El documento «{props.label}: {props.title}» ya no está publicado.
      </p>
      {props.reason && <p>Motivo: {props.reason}</p>}
      <p>
        <a href="/documentos">Ver los documentos vigentes</a>
      </p>
    </Layout>
  );
}
