// «Foto y carnet» on staff's page of a person: where their photo and card stand, and the form to take
// their photo at the office. Rendered into core's person page as a panel (carnetizacion.people.ts).
import type { Person } from "../core/people/people.service.ts";
import { Button, CsrfField, FileField } from "../shared/views/components.tsx";

export function PhotoAndCardPanel(props: {
  person: Person;
  csrfToken: string;
  photoLabel: string | undefined;
  card: { id: string; label: string } | undefined;
  error: string | undefined;
}) {
  const { person } = props;
  return (
    <section class="section">
      <h2 class="heading-m">Foto y carnet</h2>
      <dl class="summary-list">
        <div>
          <dt>Foto</dt>
          <dd>{props.photoLabel ?? "No ha enviado foto"}</dd>
        </div>
        <div>
          <dt>Carnet</dt>
          <dd>
            {props.card ? <a href={`/ssi/carnets/${props.card.id}`}>{props.card.label}</a> : "Sin solicitar"}
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
          <CsrfField token={props.csrfToken} />
          <FileField
            name="photo"
            label="Foto tomada en la oficina"
            hint="JPEG, PNG o WebP de hasta 10 MB. Queda en la fila de revisión, a nombre suyo."
            accept="image/*"
            error={props.error}
          />
          <Button variant="secondary">Cargar foto de la persona</Button>
        </form>
      )}
    </section>
  );
}
