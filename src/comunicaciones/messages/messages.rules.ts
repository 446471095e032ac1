// The message template: the fields a request's subject and body may use, filled per recipient when sent.
// Pure. Rendering (markup → text and html) comes with sending.

export const TEMPLATE_FIELDS = ["nombre", "nombre_completo", "dependencia", "cargo"] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The unknown `{{…}}` placeholders of a text (empty when every one is a known field). */
export function unknownFields(text: string): string[] {
  const unknown: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? "";
    if (!(TEMPLATE_FIELDS as readonly string[]).includes(name) && !unknown.includes(name)) unknown.push(name);
  }
  return unknown;
}

/** Why the template is refused, in Spanish, or undefined when it is fine. */
export function checkTemplate(text: string): string | undefined {
  const unknown = unknownFields(text);
  if (unknown.length === 0) return undefined;
  const names = unknown.map((name) => `{{${name}}}`).join(", ");
  const known = TEMPLATE_FIELDS.map((name) => `{{${name}}}`).join(", ");
  return `${unknown.length === 1 ? "Este campo no existe" : "Estos campos no existen"}: ${names}. Puede usar ${known}.`;
}
