import type { FormErrors, FormValues } from "../../shared/forms.ts";
import { formatDateTime } from "../../shared/time.ts";
import {
  BackLink,
  Button,
  CsrfField,
  ErrorSummary,
  Field,
  Notice,
  Pagination,
  Select,
} from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { PersonFields } from "./people.form.views.tsx";
import type { PersonListRow } from "./people.service.ts";
import type { Person } from "./people.table.ts";

type Option = { value: string; label: string };

export const fullName = (p: { firstNames: string; lastNames: string }) => `${p.firstNames} ${p.lastNames}`;
export const STATUS_LABELS = { activo: "Activo", desvinculado: "Desvinculado" } as const;

/** `showDependencia`: off for a liaison, whose list is one dependencia. */
function PeopleTable(props: { rows: PersonListRow[]; basePath: string; showDependencia?: boolean }) {
  const { rows, basePath, showDependencia = true } = props;
  if (rows.length === 0) return <p>No hay personas que coincidan con la búsqueda.</p>;
  return (
    <table class="table table--stack">
      <caption class="visually-hidden">Personas encontradas</caption>
      <thead>
        <tr>
          <th scope="col">Nombre</th>
          <th scope="col">Documento</th>
          {showDependencia && <th scope="col">Dependencia</th>}
          <th scope="col">Estado</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr>
            <td>
              <a href={`${basePath}/${row.id}`}>{`${row.lastNames}, ${row.firstNames}`}</a>
            </td>
            <td data-label="Documento">{`${row.documentType} ${row.documentNumber}`}</td>
            {showDependencia && <td data-label="Dependencia">{row.dependencia ?? "Sin dependencia"}</td>}
            <td data-label="Estado">{STATUS_LABELS[row.status]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function PeopleListPage(props: {
  ctx: PageContext;
  rows: PersonListRow[];
  hasMore: boolean;
  page: number;
  values: FormValues;
  dependencias: Option[];
}) {
  const { ctx, values } = props;
  return (
    <Layout ctx={ctx} title="Personas">
      <div class="page-heading">
        <h1>Personas</h1>
        <a class="button" href="/admin/personas/nueva">
          Registrar persona
        </a>
      </div>
      <form method="get" action="/admin/personas" class="search-form">
        <Field name="q" label="Buscar por nombre o número de documento" values={values} />
        <Select
          name="dependencia"
          label="Dependencia"
          emptyLabel="Todas las dependencias"
          options={props.dependencias}
          values={values}
        />
        <Button variant="secondary">Buscar</Button>
      </form>
      <PeopleTable rows={props.rows} basePath="/admin/personas" />
      <Pagination
        page={props.page}
        hasMore={props.hasMore}
        query={{ q: values.q ?? "", dependencia: values.dependencia ?? "" }}
      />
    </Layout>
  );
}

export function LiaisonPeoplePage(props: {
  ctx: PageContext;
  dependenciaName: string;
  rows: PersonListRow[];
  hasMore: boolean;
  page: number;
  values: FormValues;
}) {
  const { ctx, values } = props;
  return (
    <Layout ctx={ctx} title="Personas de mi dependencia">
      <h1>Personas de {props.dependenciaName}</h1>
      <p class="lead">Como enlace, usted ve solo a las personas de su dependencia.</p>
      <form method="get" action="/dependencia/personas" class="search-form">
        <Field name="q" label="Buscar por nombre o número de documento" values={values} />
        <Button variant="secondary">Buscar</Button>
      </form>
      <PeopleTable rows={props.rows} basePath="/dependencia/personas" showDependencia={false} />
      <Pagination page={props.page} hasMore={props.hasMore} query={{ q: values.q ?? "" }} />
    </Layout>
  );
}

export function NewPersonPage(props: {
  ctx: PageContext;
  dependencias: Option[];
  values?: FormValues;
  errors?: FormErrors;
}) {
  const { ctx, values, errors = {} } = props;
  return (
    <Layout ctx={ctx} title="Registrar persona">
      <BackLink href="/admin/personas">Volver a personas</BackLink>
      <div class="narrow">
        <ErrorSummary errors={errors} />
        <h1>Registrar persona</h1>
        <p class="lead">
          Al registrarla, SIPAP genera su credencial inicial personal para el primer ingreso.
        </p>
        <form method="post" action="/admin/personas" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <PersonFields ctx={ctx} dependencias={props.dependencias} values={values} errors={errors} />
          <Button>Registrar y generar credencial</Button>
        </form>
      </div>
    </Layout>
  );
}

export function CredentialIssuedPage(props: {
  ctx: PageContext;
  person: Person;
  credential: string;
  expiresAt: Date;
  /** A reset handed over at the desk: the audit records it as an in-person handover. */
  inPerson?: boolean;
}) {
  const { ctx, person } = props;
  return (
    <Layout ctx={ctx} title="Credencial inicial">
      <h1>Credencial inicial de {fullName(person)}</h1>
      <div class="credential-box">
        <p>Credencial inicial (un solo uso)</p>
        <p class="credential" translate="no">
          {props.credential}
        </p>
        <p>Vence el {formatDateTime(props.expiresAt)} (hora de Colombia).</p>
      </div>
      <p>
        Entréguela solo a esta persona. SIPAP no la vuelve a mostrar: si se pierde, genere otra. Al ingresar
        con su número de documento y esta credencial, la persona debe crear su propia contraseña.
      </p>
      {props.inPerson && (
        <p>
          Quedó registrado en la auditoría que usted la entregó en persona: no la envíe por otro medio ni la
          anote.
        </p>
      )}
      <p>
        <a href={`/admin/personas/${person.id}`}>Ver los datos de la persona</a>
      </p>
    </Layout>
  );
}

/** After a reset by e-mail: where it went (masked), never the credential itself. */
export function CredentialSentPage(props: { ctx: PageContext; person: Person; sentTo: string }) {
  const { ctx, person } = props;
  return (
    <Layout ctx={ctx} title="Credencial enviada">
      <div class="narrow">
        <h1>Credencial enviada a {fullName(person)}</h1>
        <Notice kind="success">
          <p>
            Se envió una nueva credencial inicial al correo institucional de la persona,{" "}
            <span translate="no">{props.sentTo}</span>.
          </p>
        </Notice>
        <p>
          El mensaje trae un enlace de un solo uso y la credencial. Su contraseña anterior y sus sesiones
          abiertas ya no funcionan. Si el correo no le llega, puede entregarle una credencial en persona.
        </p>
        <p>
          <a href={`/admin/personas/${person.id}`}>Ver los datos de la persona</a>
        </p>
      </div>
    </Layout>
  );
}
