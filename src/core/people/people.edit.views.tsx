// «Editar datos»: SSI or an administrator corrects a person's record, with the checks of registration.
import type { FormErrors, FormValues } from "../../shared/forms.ts";
import { BackLink, Button, CsrfField, ErrorSummary } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { PersonFields } from "./people.form.views.tsx";
import type { Person } from "./people.table.ts";
import { fullName } from "./people.views.tsx";

type Option = { value: string; label: string };

/** The form's values as the person's record holds them now. */
export function personFormValues(person: Person): FormValues {
  return {
    documentType: person.documentType,
    documentNumber: person.documentNumber,
    firstNames: person.firstNames,
    lastNames: person.lastNames,
    email: person.email ?? "",
    phone: person.phone ?? "",
    bloodType: person.bloodType ?? "",
    dependenciaId: person.dependenciaId ?? "",
    position: person.position ?? "",
    vinculacion: person.vinculacion ?? "",
    contractNumber: person.contractNumber ?? "",
    contractStart: person.contractStart ?? "",
    contractEnd: person.contractEnd ?? "",
  };
}

export function EditPersonPage(props: {
  ctx: PageContext;
  person: Person;
  dependencias: Option[];
  values: FormValues;
  errors?: FormErrors;
}) {
  const { ctx, person, errors = {} } = props;
  return (
    <Layout ctx={ctx} title={`Editar datos de ${fullName(person)}`}>
      <BackLink href={`/admin/personas/${person.id}`}>Volver a la persona</BackLink>
      <div class="narrow">
        <ErrorSummary errors={errors} />
        <h1>Editar datos de {fullName(person)}</h1>
        <p class="lead">
          Cada cambio queda en la auditoría con el dato anterior y el nuevo. Si cambia la dependencia, queda
          en el historial de dependencias de la persona.
        </p>
        <form method="post" action={`/admin/personas/${person.id}/editar`} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <PersonFields
            ctx={ctx}
            dependencias={props.dependencias}
            values={props.values}
            errors={errors}
            withContactAndBlood
          />
          <Button>Guardar cambios</Button>
        </form>
      </div>
    </Layout>
  );
}
