// Keyboard shortcuts for the photo review page: A approves, R goes to the rejection reason, S skips to the
// next photo. Keys typed into a form field are left alone. Without JavaScript the buttons work as usual.

function isTyping(target: EventTarget | null) {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
  const key = event.key.toLowerCase();
  if (key === "a") {
    event.preventDefault();
    document.querySelector<HTMLFormElement>("#approve-form")?.requestSubmit();
  } else if (key === "r") {
    event.preventDefault();
    document.querySelector<HTMLSelectElement>("#reason")?.focus();
  } else if (key === "s") {
    const next = document.querySelector<HTMLAnchorElement>("#next-photo");
    if (next) {
      event.preventDefault();
      next.click();
    }
  }
});
