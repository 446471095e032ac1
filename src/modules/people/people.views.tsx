import { ROLE_LABELS, ROLES, type Role } from "../../shared/auth/roles.ts";
import type { FormErrors, FormValues } from "../../shared/forms.ts";
import { formatDateTime } from "../../shared/time.ts";
import {
  BackLink,
  Button,
  CsrfField,
  ErrorSummary,
  Field,
  FileField,
  Pagination,
  Select,
} from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import type { PersonListRow } from "./people.repository.ts";
import { DOCUMENT_TYPES } from "./people.rules.ts";
import type { Person } from "./people.table.ts";

type Option = { value: string; label: string };

const fullName = (p: { firstNames: string; lastNames: string }) => `${p.firstNames} ${p.lastNames}`;
const STATUS_LABELS = { activo: "Activo", desvinculado: "Desvinculado" } as const;

function PeopleTable({ rows, basePath }: { rows: PersonListRow[]; basePath: string }) {
  if (rows.length === 0) return <p>No hay personas que coincidan con la búsqueda.</p>;
  return (
    <table class="table">
      <caption class="visually-hidden">Personas encontradas</caption>
      <thead>
        <tr>
          <th scope="col">Nombre</th>
          <th scope="col">Documento</th>
          <th scope="col">Dependencia</th>
          <th scope="col">Estado</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr>
            <td>
              <a href={`${basePath}/${row.id}`}>{`${row.lastNames}, ${row.firstNames}`}</a>
            </td>
            <td>{`${row.documentType} ${row.documentNumber}`}</td>
            <td>{row.dependencia ?? "Sin dependencia"}</td>
            <td>{STATUS_LABELS[row.status]}</td>
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
      <PeopleTable rows={props.rows} basePath="/dependencia/personas" />
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
          <Select
            name="documentType"
            label="Tipo de documento"
            options={Object.entries(DOCUMENT_TYPES).map(([value, label]) => ({ value, label }))}
            values={values ?? { documentType: "CC" }}
            errors={errors}
          />
          <Field
            name="documentNumber"
            label="Número de documento"
            width="medium"
            values={values}
            errors={errors}
          />
          <Field name="firstNames" label="Nombres" autocomplete="off" values={values} errors={errors} />
          <Field name="lastNames" label="Apellidos" autocomplete="off" values={values} errors={errors} />
          <Field
            name="email"
            type="email"
            label="Correo institucional (opcional)"
            hint={`Por ejemplo: nombre.apellido@${ctx.entity.emailDomain}`}
            values={values}
            errors={errors}
          />
          <Select
            name="dependenciaId"
            label="Dependencia"
            emptyLabel="Elija una dependencia"
            options={props.dependencias}
            values={values}
            errors={errors}
          />
          <Field
            name="position"
            label="Cargo u objeto del contrato (opcional)"
            values={values}
            errors={errors}
          />
          <Select
            name="vinculacion"
            label="Vinculación"
            emptyLabel="Sin registrar"
            options={[
              { value: "planta", label: "Planta (empleado)" },
              { value: "ops", label: "Contratista (OPS)" },
            ]}
            values={values}
            errors={errors}
          />
          <fieldset class="fieldset">
            <legend class="heading-m">Contrato (solo contratistas OPS)</legend>
            <Field
              name="contractNumber"
              label="Número del contrato"
              width="medium"
              values={values}
              errors={errors}
            />
            <Field
              name="contractStart"
              type="date"
              label="Fecha de inicio"
              width="medium"
              values={values}
              errors={errors}
            />
            <Field
              name="contractEnd"
              type="date"
              label="Fecha de terminación"
              hint="El carnet del contratista vale hasta esta fecha."
              width="medium"
              values={values}
              errors={errors}
            />
          </fieldset>
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
      <p>
        <a href={`/admin/personas/${person.id}`}>Ver los datos de la persona</a>
      </p>
    </Layout>
  );
}

export function PersonPage(props: {
  ctx: PageContext;
  person: Person;
  roles: Role[];
  dependenciaName: string | undefined;
  backHref: string;
  canEditRoles: boolean;
  canResetCredential: boolean;
  /** For SSI: the person's photo and card, and the form to take their photo at the office. */
  production?: {
    photoLabel: string | undefined;
    card: { id: string; label: string } | undefined;
    error?: string;
  };
}) {
  const { ctx, person, roles, production } = props;
  return (
    <Layout ctx={ctx} title={fullName(person)}>
      <BackLink href={props.backHref}>Volver a la lista</BackLink>
      <h1>{fullName(person)}</h1>
      <dl class="summary-list">
        <div>
          <dt>Documento</dt>
          <dd>{`${DOCUMENT_TYPES[person.documentType]} ${person.documentNumber}`}</dd>
        </div>
        <div>
          <dt>Dependencia</dt>
          <dd>{props.dependenciaName ?? "Sin dependencia"}</dd>
        </div>
        <div>
          <dt>Correo institucional</dt>
          <dd>{person.email ?? "No registrado"}</dd>
        </div>
        <div>
          <dt>Estado</dt>
          <dd>{STATUS_LABELS[person.status]}</dd>
        </div>
        <div>
          <dt>Roles</dt>
          <dd>{roles.length > 0 ? roles.map((r) => ROLE_LABELS[r]).join(", ") : "Ninguno"}</dd>
        </div>
      </dl>
      {production && (
        <section class="section">
          <h2 class="heading-m">Foto y carnet</h2>
          <dl class="summary-list">
            <div>
              <dt>Foto</dt>
              <dd>{production.photoLabel ?? "No ha enviado foto"}</dd>
            </div>
            <div>
              <dt>Carnet</dt>
              <dd>
                {production.card ? (
                  <a href={`/ssi/carnets/${production.card.id}`}>{production.card.label}</a>
                ) : (
                  "Sin solicitar"
                )}
              </dd>
            </div>
          </dl>
          {person.status === "activo" && (
            <form
              method="post"
              action={`/admin/personas/${person.id}/foto`}
              enctype="multipart/form-data"
              novalidate
            >
              <CsrfField token={ctx.csrfToken} />
              <FileField
                name="photo"
                label="Foto tomada en la oficina"
                hint="JPEG, PNG o WebP de hasta 10 MB. Queda en la fila de revisión, a nombre suyo."
                accept="image/*"
                error={production.error}
              />
              <Button variant="secondary">Cargar foto de la persona</Button>
            </form>
          )}
        </section>
      )}
      {props.canEditRoles && (
        <form method="post" action={`/admin/personas/${person.id}/roles`} class="section">
          <CsrfField token={ctx.csrfToken} />
          <fieldset class="fieldset">
            <legend>
              <h2 class="heading-m">Roles</h2>
            </legend>
            <p class="hint">Marque los roles que tiene esta persona. Los cambios quedan en la auditoría.</p>
            <div class="checkboxes">
              {ROLES.map((role) => (
                <div class="checkbox">
                  <input
                    type="checkbox"
                    id={`role-${role}`}
                    name="roles"
                    value={role}
                    checked={roles.includes(role)}
                  />
                  <label for={`role-${role}`}>{ROLE_LABELS[role]}</label>
                </div>
              ))}
            </div>
          </fieldset>
          <Button variant="secondary">Guardar roles</Button>
        </form>
      )}
      {props.canResetCredential && person.status === "activo" && (
        <form method="post" action={`/admin/personas/${person.id}/credencial`} class="section">
          <CsrfField token={ctx.csrfToken} />
          <h2 class="heading-m">Credencial inicial</h2>
          <p>
            Si la persona no recibió su credencial, le venció u olvidó su contraseña, genere una nueva. Su
            contraseña y sus sesiones abiertas dejarán de funcionar.
          </p>
          <Button variant="warning">Generar nueva credencial inicial</Button>
        </form>
      )}
    </Layout>
  );
}
