// Plain-text lists: decoding whatever encoding a spreadsheet program or editor used, and splitting CSV
// records. Which separator a file uses is decided by the caller, from which one makes the header match.

/** UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), else Windows-1252; undefined if binary. */
export function decodeText(file: Buffer): string | undefined {
  let text: string;
  if (file[0] === 0xff && file[1] === 0xfe) text = new TextDecoder("utf-16le").decode(file);
  else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(file);
    } catch {
      text = new TextDecoder("windows-1252").decode(file);
    }
  }
  for (let at = 0; at < Math.min(text.length, 65_536); at++) {
    const code = text.charCodeAt(at);
    if (code < 9 || (code > 13 && code < 32)) return undefined;
  }
  return text;
}

/** RFC 4180 records: quoted fields may hold separators, doubled quotes and line breaks. */
export function* parseCsv(text: string, separator: string): Generator<{ line: number; cells: string[] }> {
  let line = 1;
  let start = 1;
  let cells: string[] = [];
  let field = "";
  let quoted = false;
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (quoted) {
      if (char !== '"') {
        if (char === "\n") line++;
        field += char;
      } else if (text[at + 1] === '"') {
        field += '"';
        at++;
      } else quoted = false;
    } else if (char === '"' && field.trim() === "") {
      quoted = true;
      field = "";
    } else if (char === separator) {
      cells.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[at + 1] === "\n") at++;
      cells.push(field);
      yield { line: start, cells };
      cells = [];
      field = "";
      start = ++line;
    } else field += char;
  }
  if (field !== "" || cells.length > 0) yield { line: start, cells: [...cells, field] };
}
