import type { FormErrors, FormValues } from "../../shared/forms.ts";
import { Button, CsrfField, ErrorSummary, Field } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";

export function LoginPage(props: {
  ctx: PageContext;
  values?: FormValues;
  errors?: FormErrors;
  next?: string;
}) {
  const { ctx, values, errors = {} } = props;
  return (
    <Layout ctx={ctx} title="Ingresar">
      <div class="narrow">
        <ErrorSummary errors={errors} />
        <h1>Ingresar a SIPAP</h1>
        <p class="lead">Use su número de documento y su contraseña.</p>
        <form
          method="post"
          action={props.next ? `/ingresar?siguiente=${encodeURIComponent(props.next)}` : "/ingresar"}
          novalidate
        >
          <CsrfField token={ctx.csrfToken} />
          <Field
            name="documentNumber"
            label="Número de documento"
            hint="Escriba solo el número, sin puntos ni espacios."
            autocomplete="username"
            width="medium"
            values={values}
            errors={errors}
          />
          <Field
            name="password"
            type="password"
            label="Contraseña"
            hint="Si es su primer ingreso, escriba la credencial inicial personal que recibió."
            autocomplete="current-password"
            width="medium"
            values={values}
            errors={errors}
          />
          <Button>Ingresar</Button>
        </form>
        <h2 class="heading-m">¿Primer ingreso u olvidó su contraseña?</h2>
        <p>
          Su credencial inicial llega a su correo institucional o en la lista que recibe su dependencia. Sirve
          una sola vez y vence. Si no la tiene, venció o olvidó su contraseña, pida una nueva a la
          Subsecretaría de Sistemas de Información:{" "}
          <a href={`mailto:${ctx.entity.supportEmail}`}>{ctx.entity.supportEmail}</a>,{" "}
          {ctx.entity.supportPhone}.
        </p>
      </div>
    </Layout>
  );
}

export function PasswordPage(props: { ctx: PageContext; forced: boolean; errors?: FormErrors }) {
  const { ctx, forced, errors = {} } = props;
  return (
    <Layout ctx={ctx} title={forced ? "Cree su contraseña" : "Cambiar contraseña"}>
      <div class="narrow">
        <ErrorSummary errors={errors} />
        <h1>{forced ? "Cree su contraseña" : "Cambiar contraseña"}</h1>
        {forced && (
          <p class="lead">
            Ingresó con una credencial inicial, que solo sirve una vez. Antes de continuar, cree la contraseña
            que usará de ahora en adelante.
          </p>
        )}
        <form method="post" action="/cambiar-clave" novalidate>
          <CsrfField token={ctx.csrfToken} />
          {!forced && (
            <Field
              name="current"
              type="password"
              label="Contraseña actual"
              autocomplete="current-password"
              width="medium"
              errors={errors}
            />
          )}
          <Field
            name="password"
            type="password"
            label="Nueva contraseña"
            hint="Al menos 8 caracteres. Una frase de varias palabras es fácil de recordar y difícil de adivinar. No use su número de documento ni su nombre."
            autocomplete="new-password"
            width="medium"
            errors={errors}
          />
          <Field
            name="confirm"
            type="password"
            label="Repita la nueva contraseña"
            autocomplete="new-password"
            width="medium"
            errors={errors}
          />
          <Button>Guardar contraseña</Button>
        </form>
      </div>
    </Layout>
  );
}

/** The one-time link from the credential e-mail: greets the person and asks them to go on (a POST). */
export function LinkPage(props: { ctx: PageContext; token: string; firstNames?: string; problem?: string }) {
  const { ctx, problem } = props;
  if (problem)
    return (
      <Layout ctx={ctx} title="Este enlace ya no sirve">
        <h1>Este enlace ya no sirve</h1>
        <p class="lead">{problem}</p>
        <p>
          <a class="button" href="/ingresar">
            Ir a ingresar
          </a>
        </p>
      </Layout>
    );
  return (
    <Layout ctx={ctx} title="Primer ingreso">
      <h1>Hola, {props.firstNames}</h1>
      <p class="lead">
        Con este enlace ingresa a SIPAP por primera vez. Enseguida creará su propia contraseña; el enlace deja
        de servir.
      </p>
      <form method="post" action={`/activar/${props.token}`}>
        <CsrfField token={ctx.csrfToken} />
        <Button>Ingresar y crear mi contraseña</Button>
      </form>
    </Layout>
  );
}
