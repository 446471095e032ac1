import { formatDateTimeInColombia, formatIsoDay } from "../../shared/time.ts";
import { Button } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import type { Verdict } from "../cards/cards.rules.ts";

const VERDICT_TEXT: Record<Verdict, string> = {
  VIGENTE: "Este carnet es válido: fue expedido por la entidad y está vigente.",
  VENCIDO: "Este carnet ya no es válido: pasó su fecha de vigencia.",
  INHABILITADO: "Este carnet no es válido: la entidad lo inhabilitó.",
};

function CodeForm({ invalid }: { invalid?: boolean }) {
  return (
    <form method="get" action="/verificar" class="section" novalidate>
      <div class={invalid ? "field field--error" : "field"}>
        <label for="codigo">Código del carnet</label>
        <p class="hint" id="codigo-hint">
          Son 16 letras y números; está impreso debajo del código QR.
        </p>
        {invalid && (
          <p class="field-error" id="codigo-error">
            <span class="visually-hidden">Error: </span>
            Revise el código: debe tener 16 letras y números, como 7K3M 9Q2X W4HT 8PJ5.
          </p>
        )}
        <input
          class="input input--medium"
          id="codigo"
          name="codigo"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          maxlength={40}
          aria-describedby={invalid ? "codigo-hint codigo-error" : "codigo-hint"}
        />
      </div>
      <Button>Verificar</Button>
    </form>
  );
}

export function VerifyFormPage({ ctx, invalid }: { ctx: PageContext; invalid?: boolean }) {
  return (
    <Layout ctx={ctx} title="Verificar un carnet">
      <h1>Verificar un carnet</h1>
      <p class="lead">
        Escanee el código QR del carnet con la cámara de su celular, o escriba el código que aparece debajo
        del QR.
      </p>
      <CodeForm invalid={invalid} />
    </Layout>
  );
}

/** What to do with a card that is not valid, and whom to tell (the entity's support contacts). */
function NotValidAdvice({ ctx, verdict }: { ctx: PageContext; verdict: Verdict }) {
  if (verdict === "VIGENTE") return null;
  const { supportEmail, supportPhone, phone, name } = ctx.entity;
  // The entity's switchboard number, dialable; the support extensions are said beside it.
  const number = phone.split(/\s*ext/i)[0]?.trim() ?? phone;
  return (
    <div class="notice notice--important">
      <h2 class="heading-m">Qué hacer con este carnet</h2>
      <p>
        No acepte este carnet como identificación. Si alguien lo presenta, informe a la {name}: escriba a{" "}
        <a href={`mailto:${supportEmail}`}>{supportEmail}</a> o llame al{" "}
        <a href={`tel:${number.replace(/[^\d+]/g, "")}`}>{number}</a> ({supportPhone}), con el código del
        carnet.
      </p>
      {verdict === "VENCIDO" && <p>Si el carnet es suyo, pida uno nuevo a su dependencia.</p>}
    </div>
  );
}

export function VerdictPage(props: {
  ctx: PageContext;
  code: string;
  /** When the check was made: a screenshot of the page then says how old it is. */
  checkedAt: Date;
  result:
    | { verdict: Verdict; name: string; dependencia: string; validUntil: string | null; showPhoto: boolean }
    | undefined;
}) {
  const { ctx, code, result } = props;
  return (
    <Layout ctx={ctx} title={result ? `Carnet ${result.verdict.toLowerCase()}` : "Carnet no encontrado"}>
      <h1 class="visually-hidden">Verificación de carnet</h1>
      {result ? (
        <div class={`verdict verdict--${result.verdict.toLowerCase()}`}>
          <p class="verdict__word">{result.verdict}</p>
          <p class="verdict__text">{VERDICT_TEXT[result.verdict]}</p>
          <div class="verdict__person">
            {result.showPhoto && (
              <img
                class="verdict__photo"
                src={`/verificar/${code}/foto`}
                alt="Foto del titular, para compararla con quien porta el carnet"
                width="120"
                height="160"
              />
            )}
            <dl class="summary-list">
              <div>
                <dt>Titular</dt>
                <dd>{result.name}</dd>
              </div>
              <div>
                <dt>Dependencia</dt>
                <dd>{result.dependencia}</dd>
              </div>
              {result.validUntil && (
                <div>
                  <dt>Vigente hasta</dt>
                  <dd>{formatIsoDay(result.validUntil)}</dd>
                </div>
              )}
            </dl>
          </div>
          <p class="verdict__when">Consultado el {formatDateTimeInColombia(props.checkedAt)}.</p>
          <NotValidAdvice ctx={ctx} verdict={result.verdict} />
        </div>
      ) : (
        <div class="verdict verdict--desconocido">
          <p class="verdict__word">NO ENCONTRADO</p>
          <p class="verdict__text">
            No hay ningún carnet de la {ctx.entity.name} con ese código. Revise que lo escribió bien; si lo
            escaneó, el carnet no es válido.
          </p>
          <p class="verdict__when">Consultado el {formatDateTimeInColombia(props.checkedAt)}.</p>
        </div>
      )}
      <h2 class="heading-m">Verificar otro carnet</h2>
      <CodeForm />
    </Layout>
  );
}
