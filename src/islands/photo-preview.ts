// Progressive enhancement of "Mi foto": when a photo is chosen, show it inside the 3:4 card frame and run
// the same automatic checks on the server before anything is sent. Without JavaScript the form works as is.
import { formatMegabytes } from "../shared/words.ts";

// The server's limit (src/shared/security.ts): a larger file is stopped here, before minutes of upload.
const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

interface Check {
  id: string;
  ok: boolean;
  message: string;
}

function renderChecks(list: HTMLElement, checks: Check[]) {
  list.replaceChildren(
    ...[...checks.filter((c) => !c.ok), ...checks.filter((c) => c.ok)].map((check) => {
      const item = document.createElement("li");
      item.className = check.ok ? "check check--ok" : "check check--fail";
      const mark = document.createElement("span");
      mark.className = "check__mark";
      mark.setAttribute("aria-hidden", "true");
      mark.textContent = check.ok ? "✓" : "✗";
      const hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = check.ok ? "Cumple: " : "No cumple: ";
      item.append(mark, hidden, check.message);
      return item;
    }),
  );
}

/** Shows (or clears) the size error beside the field, as the server would after an upload. */
function showSizeError(form: HTMLFormElement, input: HTMLInputElement, size: number | undefined) {
  const field = input.closest(".field");
  let message = form.querySelector<HTMLElement>("#photo-size-error");
  if (size === undefined) {
    message?.remove();
    field?.classList.remove("field--error");
    return;
  }
  if (!message) {
    message = document.createElement("p");
    message.id = "photo-size-error";
    message.className = "field-error";
    message.setAttribute("role", "alert");
    input.before(message);
  }
  message.textContent = `La foto pesa ${formatMegabytes(size)} y el máximo es 10 MB. Elija una foto más liviana (la que toma la cámara del celular, sin editar, suele servir).`;
  field?.classList.add("field--error");
}

function enhance(form: HTMLFormElement) {
  const input = form.querySelector<HTMLInputElement>("input[type=file]");
  const panel = document.getElementById("photo-preview");
  const image = panel?.querySelector<HTMLImageElement>("img");
  const status = panel?.querySelector<HTMLElement>(".preview__status");
  const list = panel?.querySelector<HTMLElement>(".check-list");
  if (!input || !panel || !image || !status || !list) return;
  let objectUrl: string | undefined;

  const tooLarge = () => (input.files?.[0]?.size ?? 0) > MAX_PHOTO_BYTES;
  form.addEventListener("submit", (event) => {
    if (!tooLarge()) return;
    event.preventDefault();
    input.focus();
  });

  input.addEventListener("change", async () => {
    const file = input.files?.[0];
    if (!file) return;
    showSizeError(form, input, file.size > MAX_PHOTO_BYTES ? file.size : undefined);
    if (file.size > MAX_PHOTO_BYTES) {
      panel.hidden = true;
      return;
    }
    if (objectUrl) URL.revokeObjectURL(objectUrl);
    objectUrl = URL.createObjectURL(file);
    image.src = objectUrl;
    panel.hidden = false;
    list.replaceChildren();
    status.textContent = "Revisando la foto…";
    try {
      const response = await fetch("/mi-foto/revisar", { method: "POST", body: new FormData(form) });
      if (!response.ok) throw new Error(String(response.status));
      const result = (await response.json()) as { passed: boolean; checks: Check[] };
      status.textContent = result.passed
        ? "La foto pasa la revisión automática. Ya puede subirla."
        : "La foto no pasa algunas revisiones. Corrija lo que se indica o súbala y explique por qué.";
      renderChecks(list, result.checks);
    } catch {
      status.textContent =
        "No pudimos revisar la foto antes de subirla. Puede subirla igual y la revisaremos.";
    }
  });
}

for (const form of document.querySelectorAll<HTMLFormElement>("form[data-photo-preview]")) enhance(form);
