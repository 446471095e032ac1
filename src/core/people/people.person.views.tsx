// A person's page for staff and liaisons: their data, the areas' panels (photo and card), dependencia
// history, roles and the credential reset (shown only to whoever may reset this person's credential).
import type { Child } from "hono/jsx";
import { ROLE_LABELS, ROLES, type Role } from "../../shared/auth/roles.ts";
import { formatDate, formatDateTime } from "../../shared/time.ts";
import { BackLink, Button, CsrfField, ErrorSummary } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { DOCUMENT_TYPES, maskEmail } from "./people.rules.ts";
import type { PersonMoveRow } from "./people.service.ts";
import type { Person } from "./people.table.ts";
import { fullName, STATUS_LABELS } from "./people.views.tsx";

function vinculacionText(person: Person): string {
  if (person.vinculacion === "planta") return "Planta (empleado)";
  if (person.vinculacion !== "ops") return "Sin registrar";
  const contract = person.contractNumber ? `contrato ${person.contractNumber}` : "sin número de contrato";
  const end = person.contractEnd ? `, hasta el ${formatIsoDay(person.contractEnd)}` : "";
  return `Contratista (OPS), ${contract}${end}`;
}

/** «2026-12-31» → «31 de diciembre de 2026», read as a Bogotá calendar day. */
const formatIsoDay = (iso: string) => formatDate(new Date(`${iso}T12:00:00-05:00`));

function MoveHistory({ moves }: { moves: PersonMoveRow[] }) {
  return (
    <section class="section">
      <h2 class="heading-m">Historial de dependencias</h2>
      {moves.length === 0 ? (
        <p>No hay cambios de dependencia registrados.</p>
      ) : (
        <table class="table table--stack">
          <caption class="visually-hidden">Cambios de dependencia, del más reciente al más antiguo</caption>
          <thead>
            <tr>
              <th scope="col">Fecha</th>
              <th scope="col">Desde</th>
              <th scope="col">Hacia</th>
              <th scope="col">Registrado por</th>
            </tr>
          </thead>
          <tbody>
            {moves.map((move) => (
              <tr>
                <td data-label="Fecha">{formatDateTime(move.movedAt)}</td>
                <td data-label="Desde">{move.fromName ?? "Sin dependencia"}</td>
                <td data-label="Hacia">{move.toName ?? "Sin dependencia"}</td>
                <td data-label="Registrado por">
                  {move.moverFirstNames ? `${move.moverFirstNames} ${move.moverLastNames}` : "SIPAP"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Two explicit choices, none preselected: by e-mail to the person, or shown once at the desk. */
function CredentialResetForm(props: { ctx: PageContext; person: Person; error?: string | undefined }) {
  const { ctx, person } = props;
  return (
    <form method="post" action={`/admin/personas/${person.id}/credencial`} class="section">
      <CsrfField token={ctx.csrfToken} />
      <h2 class="heading-m" id="credencial">
        Nueva credencial inicial
      </h2>
      <p>
        Si la persona no recibió su credencial, le venció u olvidó su contraseña, genere una nueva. Su
        contraseña y sus sesiones abiertas dejarán de funcionar.
      </p>
      {props.error && (
        <div class="field field--error">
          <p class="field-error" id="credencial-error">
            <span class="visually-hidden">Error: </span>
            {props.error}
          </p>
        </div>
      )}
      {person.email ? (
        <p>
          Por correo, la credencial llega solo a la persona ({maskEmail(person.email)}) y usted no la ve.
          Entréguela en persona solo si la persona está frente a usted.
        </p>
      ) : (
        <p>
          La persona no tiene correo institucional registrado: solo puede entregársela en persona, o registrar
          antes su correo en «Editar datos».
        </p>
      )}
      <div class="button-group">
        {person.email && (
          <button type="submit" name="entrega" value="correo" class="button button--warning">
            Enviar nueva credencial por correo
          </button>
        )}
        <button type="submit" name="entrega" value="en_persona" class="button button--secondary">
          Entregar en persona
        </button>
      </div>
    </form>
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
  /** The viewer may open «Editar datos» for this person. */
  canEdit: boolean;
  moves?: PersonMoveRow[] | undefined;
  credentialError?: string | undefined;
  /** For staff: what the areas show about the person (people.panels.ts), rendered by them. */
  panels?: Child[] | undefined;
}) {
  const { ctx, person, roles } = props;
  return (
    <Layout ctx={ctx} title={fullName(person)}>
      <BackLink href={props.backHref}>Volver a la lista</BackLink>
      {props.credentialError && <ErrorSummary errors={{ credencial: props.credentialError }} />}
      <h1>{fullName(person)}</h1>
      {props.canEdit && (
        <p>
          <a class="button button--secondary" href={`/admin/personas/${person.id}/editar`}>
            Editar datos
          </a>
        </p>
      )}
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
          <dt>Cargo u objeto del contrato</dt>
          <dd>{person.position ?? "No registrado"}</dd>
        </div>
        <div>
          <dt>Vinculación</dt>
          <dd>{vinculacionText(person)}</dd>
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
      {props.panels}
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
      {props.moves && <MoveHistory moves={props.moves} />}
      {props.canResetCredential && person.status === "activo" && (
        <CredentialResetForm ctx={ctx} person={person} error={props.credentialError} />
      )}
    </Layout>
  );
}
