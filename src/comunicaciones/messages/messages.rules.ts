// The message template: the fields a request's subject and body may use, filled per recipient when sent.
// Pure: parsed once, rendered per recipient by sending.

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

// Markup of a body, parsed ONCE into tokens; values are inserted at render time as text (escaped in html,
// never parsed again), so a name holding `**`, `{{` or `<script>` stays literal. No expressions, no recursion.

export type Inline =
  | { kind: "text"; text: string; bold?: boolean; italic?: boolean }
  | { kind: "field"; field: TemplateField; bold?: boolean; italic?: boolean }
  | { kind: "link"; url: string };
export type Block = { kind: "paragraph"; lines: Inline[][] } | { kind: "list"; items: Inline[][] };

export interface FieldValues {
  firstNames: string;
  lastNames: string;
  dependencia: string;
  cargo: string;
}

const INLINE =
  /\{\{\s*(nombre_completo|nombre|dependencia|cargo)\s*\}\}|(https:\/\/[^\s<>"]*[^\s<>".,;:!?)])|\*\*([^*\n]+?)\*\*|(?<![\p{L}\p{N}])_([^_\n]+?)_(?![\p{L}\p{N}])/gu;

function parseInline(text: string, style: { bold?: boolean; italic?: boolean } = {}): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const at = match.index ?? 0;
    if (at > last) out.push({ kind: "text", text: text.slice(last, at), ...style });
    const [whole, field, url, bold, italic] = match;
    if (field) out.push({ kind: "field", field: field as TemplateField, ...style });
    else if (url) out.push({ kind: "link", url });
    // Bold and italic hold text and fields; a marker inside them stays literal (no nesting beyond one level).
    else if (bold !== undefined) out.push(...parseInline(bold, { ...style, bold: true }));
    else if (italic !== undefined) out.push(...parseInline(italic, { ...style, italic: true }));
    last = at + whole.length;
  }
  if (last < text.length) out.push({ kind: "text", text: text.slice(last), ...style });
  return out;
}

/** Blank line = paragraph; lines starting with `- ` = list items; `**negrita**`, `_cursiva_`, https links. */
export function parseMarkup(body: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of body.replace(/\r\n?/g, "\n").split(/\n\s*\n/)) {
    const lines = chunk.split("\n").filter((line) => line.trim() !== "");
    if (lines.length === 0) continue;
    if (lines.every((line) => /^\s*- /.test(line)))
      blocks.push({ kind: "list", items: lines.map((line) => parseInline(line.replace(/^\s*- /, ""))) });
    else blocks.push({ kind: "paragraph", lines: lines.map((line) => parseInline(line)) });
  }
  return blocks;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function fieldValue(field: TemplateField, values: FieldValues) {
  const first = values.firstNames.trim();
  switch (field) {
    case "nombre":
      return first || "servidor(a)";
    case "nombre_completo":
      return `${first} ${values.lastNames.trim()}`.trim() || "servidor(a)";
    case "dependencia":
      return values.dependencia;
    case "cargo":
      return values.cargo;
  }
}

function inlineText(tokens: Inline[], values: FieldValues) {
  return tokens
    .map((t) => (t.kind === "text" ? t.text : t.kind === "link" ? t.url : fieldValue(t.field, values)))
    .join("");
}

function inlineHtml(tokens: Inline[], values: FieldValues) {
  return tokens
    .map((t) => {
      if (t.kind === "link") return `<a href="${escapeHtml(t.url)}">${escapeHtml(t.url)}</a>`;
      let html = escapeHtml(t.kind === "text" ? t.text : fieldValue(t.field, values));
      if (t.italic) html = `<em>${html}</em>`;
      if (t.bold) html = `<strong>${html}</strong>`;
      return html;
    })
    .join("");
}

/** The subject with its fields filled: one line, CR/LF of the values stripped, at most 200 characters. */
export function renderSubject(subject: string, values: FieldValues) {
  const filled = subject.replace(/\{\{\s*(nombre_completo|nombre|dependencia|cargo)\s*\}\}/g, (_m, field) =>
    fieldValue(field as TemplateField, values).replace(/[\r\n]+/g, " "),
  );
  return filled.replace(/[\r\n]+/g, " ").slice(0, 200);
}

/** One recipient's message from the parsed body: the plain text part and the html part. */
export function renderMessage(
  template: { subject: string; blocks: Block[] },
  values: FieldValues,
): { subject: string; text: string; html: string } {
  const text = template.blocks
    .map((block) =>
      block.kind === "list"
        ? block.items.map((item) => `- ${inlineText(item, values)}`).join("\n")
        : block.lines.map((line) => inlineText(line, values)).join("\n"),
    )
    .join("\n\n");
  const body = template.blocks
    .map((block) =>
      block.kind === "list"
        ? `<ul>${block.items.map((item) => `<li>${inlineHtml(item, values)}</li>`).join("")}</ul>`
        : `<p>${block.lines.map((line) => inlineHtml(line, values)).join("<br>")}</p>`,
    )
    .join("\n");
  const subject = renderSubject(template.subject, values);
  const html = `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>${body}</body></html>`;
  return { subject, text, html };
}
