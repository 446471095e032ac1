// The fields of a person's record, shared by registration and the staff edit so both ask the same way.
import type { FormErrors, FormValues } from "../../shared/forms.ts";
import { Field, Select } from "../../shared/views/components.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { BLOOD_TYPES, DOCUMENT_TYPES } from "./people.rules.ts";

type Option = { value: string; label: string };

export function PersonFields(props: {
  ctx: PageContext;
  dependencias: Option[];
  values?: FormValues | undefined;
  errors: FormErrors;
  /** The staff edit also asks for phone and blood group, which the person usually gives in «Mis datos». */
  withContactAndBlood?: boolean;
}) {
  const { ctx, values, errors } = props;
  return (
    <>
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
      {props.withContactAndBlood && (
        <>
          <Field
            name="phone"
            type="tel"
            label="Teléfono (opcional)"
            hint="Celular de 10 dígitos o fijo con indicativo, por ejemplo 6027244326."
            inputmode="tel"
            width="medium"
            values={values}
            errors={errors}
          />
          <Select
            name="bloodType"
            label="Grupo sanguíneo y RH"
            emptyLabel="Sin registrar"
            options={BLOOD_TYPES.map((b) => ({ value: b, label: b }))}
            values={values}
            errors={errors}
          />
        </>
      )}
      <Select
        name="dependenciaId"
        label="Dependencia"
        emptyLabel="Elija una dependencia"
        options={props.dependencias}
        values={values}
        errors={errors}
      />
      <Field name="position" label="Cargo u objeto del contrato (opcional)" values={values} errors={errors} />
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
    </>
  );
}
