import type { FormErrors } from "../../shared/forms.ts";
import { formatDateTime } from "../../shared/time.ts";
import { CheckList } from "../../shared/views/CheckList.tsx";
import { Button, CsrfField, ErrorSummary, FileField } from "../../shared/views/components.tsx";
import { type JourneyStep, JourneySteps } from "../../shared/views/JourneySteps.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { PHOTO_STATE_LABELS } from "./photos.rules.ts";
import type { Photo } from "./photos.table.ts";

function UploadForm({ ctx, errors }: { ctx: PageContext; errors: FormErrors }) {
  return (
    <form method="post" action="/mi-foto" enctype="multipart/form-data" novalidate data-photo-preview>
      <CsrfField token={ctx.csrfToken} />
      <FileField
        name="photo"
        label="Elija o tome una foto"
        hint="Foto reciente, a color, de frente, con fondo blanco y sin accesorios. JPEG, PNG o WebP, hasta 10 MB."
        accept="image/*"
        error={errors.photo}
      />
      <div id="photo-preview" class="preview" hidden>
        <div class="preview__frame">
          <img alt="Vista previa de la foto elegida" />
          <span class="preview__guide" aria-hidden="true" />
        </div>
        <div>
          <p class="preview__status" role="status" />
          <ul class="check-list" />
        </div>
      </div>
      <Button>Subir foto y revisarla</Button>
    </form>
  );
}

export function PhotoPage(props: {
  ctx: PageContext;
  photo: Photo | undefined;
  errors?: FormErrors;
  journey?: JourneyStep[];
}) {
  const { ctx, photo, errors = {}, journey } = props;
  return (
    <Layout ctx={ctx} title="Mi foto" islands={["photo-preview"]}>
      <ErrorSummary errors={errors} />
      <h1>Mi foto</h1>
      {journey && <JourneySteps steps={journey} />}
      {photo ? (
        <div class="photo-status">
          <img
            class="portrait"
            src={`/mi-foto/retrato?v=${photo.id}`}
            alt="Su foto, recortada como quedará en el carnet"
            width="240"
            height="320"
          />
          <div>
            <p class="status-tag">Estado: {PHOTO_STATE_LABELS[photo.state]}</p>
            <p class="hint">Subida el {formatDateTime(photo.createdAt)}</p>
            {photo.state === "rechazada" && photo.rejectionReason && (
              <p>
                <strong>Motivo del rechazo:</strong> {photo.rejectionReason}
              </p>
            )}
            <h2 class="heading-m">Revisión automática</h2>
            <CheckList checks={photo.checks} />
          </div>
        </div>
      ) : (
        <p class="lead">Aún no ha enviado su foto para el carnet.</p>
      )}
      {photo?.state === "borrador" && (
        <section class="section">
          <h2 class="heading-m">Su foto no pasó algunas revisiones</h2>
          <p>
            Lo mejor es tomar otra foto siguiendo las indicaciones. Si no puede, envíela así y explique por
            qué: la Subsecretaría de Sistemas de Información decidirá.
          </p>
          <form method="post" action="/mi-foto/enviar" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <div class={errors.explanation ? "field field--error" : "field"}>
              <label for="explanation">Explicación</label>
              {errors.explanation && (
                <p class="field-error" id="explanation-error">
                  <span class="visually-hidden">Error: </span>
                  {errors.explanation}
                </p>
              )}
              <textarea
                class="textarea"
                id="explanation"
                name="explanation"
                rows={3}
                aria-describedby={errors.explanation ? "explanation-error" : undefined}
              />
            </div>
            <Button variant="secondary">Enviar esta foto con mi explicación</Button>
          </form>
        </section>
      )}
      <section class="section">
        <h2 class="heading-m">{photo ? "Subir otra foto" : "Subir mi foto"}</h2>
        <UploadForm ctx={ctx} errors={errors} />
        <p class="hint">
          ¿Prefiere no tomarse la foto usted? Puede tomársela en la Subsecretaría de Sistemas de Información.
        </p>
      </section>
    </Layout>
  );
}
