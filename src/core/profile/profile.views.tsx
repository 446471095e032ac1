import type { FormErrors, FormValues } from "../../shared/forms.ts";
import { formatDate } from "../../shared/time.ts";
import { Button, CsrfField, ErrorSummary, Field, Select } from "../../shared/views/components.tsx";
import { type JourneyStep, JourneySteps } from "../../shared/views/JourneySteps.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { BLOOD_TYPES, DOCUMENT_TYPES } from "../people/people.rules.ts";
import type { Person } from "../people/people.table.ts";

export function NoticePage({ ctx, errors = {} }: { ctx: PageContext; errors?: FormErrors }) {
  const { entity } = ctx;
  return (
    <Layout ctx={ctx} title="Aviso de tratamiento de datos">
      <div class="prose">
        <ErrorSummary errors={errors} />
        <h1>Aviso de tratamiento de sus datos personales</h1>
        <p class="lead">Antes de continuar, lea cómo usa la {entity.name} sus datos y su foto.</p>
        <h2 class="heading-m">Para qué</h2>
        <p>
          Para expedir, controlar y verificar su carnet institucional. La foto que lo identifica es un dato
          sensible: se guarda de forma privada y solo la ven usted y el personal de la Subsecretaría de
          Sistemas de Información que produce los carnets.
        </p>
        <h2 class="heading-m">Revisión automática de la foto</h2>
        <p>
          SIPAP revisa la calidad de la foto (fondo, nitidez, luz y encuadre del rostro) para ayudarle a
          enviar una que sirva. Esa revisión nunca se usa para reconocerlo. Si prefiere, puede tomarse la foto
          en la oficina de SSI.
        </p>
        <h2 class="heading-m">Sus derechos</h2>
        <p>
          Puede conocer, actualizar y corregir sus datos en «Mis datos», y pedir información o presentar
          reclamos a <a href={`mailto:${entity.supportEmail}`}>{entity.supportEmail}</a> (Ley 1581 de 2012).
          Más detalles en la <a href="/privacidad">política de tratamiento de datos personales</a>.
        </p>
        <form method="post" action="/aviso-de-privacidad" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <div class={errors.read ? "field field--error" : "field"}>
            {errors.read && (
              <p class="field-error" id="read-error">
                <span class="visually-hidden">Error: </span>
                {errors.read}
              </p>
            )}
            <div class="checkbox">
              <input
                type="checkbox"
                id="read"
                name="read"
                value="si"
                aria-describedby={errors.read ? "read-error" : undefined}
              />
              <label for="read">Leí el aviso y entiendo cómo se usarán mis datos y mi foto.</label>
            </div>
          </div>
          <Button>Continuar</Button>
        </form>
      </div>
    </Layout>
  );
}

const VINCULACION = { planta: "Planta (empleado)", ops: "Contratista (OPS)" } as const;

export function MyDataPage(props: {
  ctx: PageContext;
  person: Person;
  dependenciaName: string | undefined;
  values: FormValues;
  errors?: FormErrors;
  /** Right after a save: where the person stands now and what comes next. */
  journey?: JourneyStep[];
}) {
  const { ctx, person, values, errors = {}, journey } = props;
  return (
    <Layout ctx={ctx} title="Mis datos">
      <ErrorSummary errors={errors} />
      <h1>Mis datos</h1>
      {journey && <JourneySteps steps={journey} />}
      <p class="lead">Revise sus datos: así aparecerán en su carnet. Corrija lo que no esté bien y guarde.</p>
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
          <dt>Vinculación</dt>
          <dd>
            {person.vinculacion ? VINCULACION[person.vinculacion] : "Sin registrar"}
            {person.contractNumber && ` · contrato ${person.contractNumber}`}
            {person.contractStart &&
              person.contractEnd &&
              ` · del ${formatDate(new Date(`${person.contractStart}T12:00:00-05:00`))} al ${formatDate(new Date(`${person.contractEnd}T12:00:00-05:00`))}`}
          </dd>
        </div>
      </dl>
      <p class="hint">
        El documento, la dependencia, la vinculación y el contrato los registra la Subsecretaría de Sistemas
        de Información (los contratos también llegan en la lista de su dependencia). Si algo no es correcto,
        avise a su enlace o a <a href={`mailto:${ctx.entity.supportEmail}`}>{ctx.entity.supportEmail}</a>.
      </p>
      <form method="post" action="/mis-datos" novalidate class="narrow">
        <CsrfField token={ctx.csrfToken} />
        <Field name="firstNames" label="Nombres" autocomplete="given-name" values={values} errors={errors} />
        <Field
          name="lastNames"
          label="Apellidos"
          autocomplete="family-name"
          values={values}
          errors={errors}
        />
        <Field
          name="position"
          label="Cargo u objeto del contrato"
          hint="Como aparece en su nombramiento o contrato."
          values={values}
          errors={errors}
        />
        <Field
          name="email"
          type="email"
          label="Correo institucional"
          hint={`Termina en @${ctx.entity.emailDomain}.`}
          autocomplete="email"
          values={values}
          errors={errors}
        />
        <Field
          name="phone"
          type="tel"
          label="Celular o teléfono"
          autocomplete="tel"
          inputmode="tel"
          width="medium"
          values={values}
          errors={errors}
        />
        <Select
          name="bloodType"
          label="Grupo sanguíneo y RH"
          hint="Se imprime en el carnet."
          emptyLabel="Elija una opción"
          options={BLOOD_TYPES.map((b) => ({ value: b, label: b }))}
          values={values}
          errors={errors}
        />
        <Button>Guardar mis datos</Button>
      </form>
      <section class="section" aria-labelledby="descarga-titulo">
        <h2 class="heading-m" id="descarga-titulo">
          Descargar todo lo que SIPAP guarda sobre usted
        </h2>
        <p>
          Un archivo .zip con sus datos, sus fotos, la historia de sus carnets, las listas que lo nombran, los
          correos que le enviamos y quién del personal consultó sus datos y cuándo, con un resumen para leer
          (Ley 1581 de 2012).
        </p>
        <p>
          <a class="button button--secondary" href="/mis-datos/descarga" download>
            Descargar mis datos (.zip)
          </a>
        </p>
      </section>
    </Layout>
  );
}
