// Progressive enhancement of "Mi foto": when a photo is chosen, show it inside the 3:4 card frame and run
// the same automatic checks on the server before anything is sent. Without JavaScript the form works as is.

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

function enhance(form: HTMLFormElement) {
  const input = form.querySelector<HTMLInputElement>("input[type=file]");
  const panel = document.getElementById("photo-preview");
  const image = panel?.querySelector<HTMLImageElement>("img");
  const status = panel?.querySelector<HTMLElement>(".preview__status");
  const list = panel?.querySelector<HTMLElement>(".check-list");
  if (!input || !panel || !image || !status || !list) return;
  let objectUrl: string | undefined;

  input.addEventListener("change", async () => {
    const file = input.files?.[0];
    if (!file) return;
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
