// While a print batch is being rendered, show its progress live and open the finished batch by itself.
// Without JavaScript the page has an "Actualizar" link instead.
const panel = document.querySelector<HTMLElement>("[data-batch-progress]");
const bar = panel?.querySelector("progress");
const label = panel?.querySelector<HTMLElement>("[data-progress-label]");

async function poll() {
  if (!panel || !bar || !label) return;
  try {
    const response = await fetch(location.pathname, { headers: { Accept: "application/json" } });
    const batch = (await response.json()) as { state: string; done: number; label: string };
    if (batch.state !== "generando") {
      location.reload();
      return;
    }
    bar.value = batch.done;
    label.textContent = batch.label;
  } catch {
    // A failed poll is retried on the next tick.
  }
  setTimeout(poll, 1500);
}

if (panel) setTimeout(poll, 1500);
