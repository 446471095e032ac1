// What a Word, Excel, PowerPoint or LibreOffice file carries besides its content (part of checks.ts):
// macros (VBA, Excel 4.0 sheets, LibreOffice Basic and scripts, script events), objects that run programs
// (OLE, ActiveX), and links that fetch code or data when the file opens (a remote template or frame, links to
// other workbooks, DDE). Ordinary hyperlinks and charts with their embedded data are fine.
import { extractEntries, type ZipEntry } from "../zip-guard.ts";

export type OfficeProblem = "macros" | "objects" | "links" | "template" | "corrupt" | "too_large";

/** The parts read as text (manifests, relationships, the documents' XML) may not add up to more than this. */
const MAX_SCANNED_BYTES = 64 * 1024 * 1024;

const MACRO_PARTS = [
  /(^|\/)vbaProject\.bin$/i,
  /(^|\/)vbaData\.xml$/i,
  /(^|\/)macrosheets\//i,
  /^Basic\//i,
  /^Scripts\//i,
];
/** OLE objects (their .bin holds any program) and ActiveX controls; embedded Office files of charts are fine. */
const OBJECT_PARTS = [
  /(^|\/)activeX\//i,
  /(^|\/)embeddings\/(?![^/]+\.(?:xlsx|docx|pptx|vsdx|emf|wmf|png|jpe?g|gif)$)/i,
];
const LINK_PARTS = [/(^|\/)externalLinks\//i];
const MACRO_DECLARATIONS =
  /macroEnabled|vbaProject|vbaData|macrosheet|vnd\.sun\.star\.basic|"Scripts\/|"Basic\//i;
const LINK_DECLARATIONS = /externalLink|<(?:[\w.-]+:)?ddeLink\b|\bddeService\s*=/i;

/** Manifests, relationships, LibreOffice's content and styles (also of embedded objects), Word's stories. */
const isScanned = (name: string) =>
  name === "[Content_Types].xml" ||
  name === "META-INF/manifest.xml" ||
  name.endsWith(".rels") ||
  /(^|\/)(content|styles)\.xml$/.test(name) ||
  /^word\/[^/]+\.xml$/.test(name);

/** XML character references and the five entities undone, so «&#x6D;acro:» is still «macro:». */
const decodeXml = (text: string) =>
  text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi, (_, hex, dec, named: string) => {
    if (named) return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[named.toLowerCase()] ?? "";
    const code = hex ? Number.parseInt(hex, 16) : Number(dec);
    return code <= 0x10ffff ? String.fromCodePoint(code) : "";
  });

const attribute = (attributes: string, name: string) => {
  const found = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes);
  return found ? decodeXml(found[1] ?? found[2] ?? "") : undefined;
};

/** A template on this computer's own disk is only the one the document was made from; any other is fetched. */
const LOCAL_PATH = /^(?:file:\/\/\/)?[a-z]:[\\/]/i;

function relationshipsProblem(xml: string): OfficeProblem | undefined {
  for (const [, attributes = ""] of xml.matchAll(/<(?:[\w.-]+:)?Relationship\b([^<>]*)>/g)) {
    const type = (attribute(attributes, "Type") ?? "").split("/").pop() ?? "";
    const external = (attribute(attributes, "TargetMode") ?? "").toLowerCase() === "external";
    const target = (attribute(attributes, "Target") ?? "").trim();
    if (/^(?:oleObject|control|activeXControlBinary)$/i.test(type)) return "objects";
    if (/^externalLink(?:Path)?$/i.test(type)) return "links";
    if (!external) continue;
    if (/^(?:frame|subDocument)$/i.test(type)) return "template";
    if (/^attachedTemplate$/i.test(type) && !LOCAL_PATH.test(target)) return "template";
  }
  return undefined;
}

/** Word's field codes, joined (an attacker splits «DDEAUTO» over several runs). */
const fieldCodes = (xml: string) =>
  decodeXml(
    [
      ...[...xml.matchAll(/<(?:[\w.-]+:)?instrText\b[^<>]*>([^<]*)</g)].map((m) => m[1]),
      ...[...xml.matchAll(/\s(?:[\w.-]+:)?instr\s*=\s*"([^"<]*)"/g)].map((m) => ` ${m[1]} `),
    ].join(""),
  );

/** LibreOffice: scripts bound to events, script or macro URLs, presentation actions that run a program. */
const ODF_SCRIPTS = [
  /<(?:[\w.-]+:)?event-listener\b[^<>]*\s(?:[\w.-]+:)?language\s*=/i,
  /vnd\.sun\.star\.script:/i,
  /=\s*["']\s*macro:/i,
  /(?:^|\s)(?:[\w.-]+:)?action\s*=\s*["']execute["']/i,
];

/**
 * The first problem of a zip-based document: macros, objects that run programs, links that fetch code or
 * data; "corrupt" when the parts read cannot be inflated, "too_large" when they are too big to read.
 */
export function officeProblem(bytes: Uint8Array, entries: readonly ZipEntry[]): OfficeProblem | undefined {
  const names = entries.map((entry) => entry.name);
  if (names.some((name) => MACRO_PARTS.some((part) => part.test(name)))) return "macros";
  if (names.some((name) => OBJECT_PARTS.some((part) => part.test(name)))) return "objects";
  if (names.some((name) => LINK_PARTS.some((part) => part.test(name)))) return "links";
  const scanned = entries.filter((entry) => isScanned(entry.name));
  if (scanned.length === 0) return undefined;
  if (scanned.reduce((sum, entry) => sum + entry.size, 0) > MAX_SCANNED_BYTES) return "too_large";
  const extracted = extractEntries(bytes, scanned);
  if (!extracted.ok) return "corrupt";
  const found = new Set<OfficeProblem>();
  for (const [name, data] of extracted.files) {
    const xml = Buffer.from(data).toString("utf8");
    const declares =
      name === "[Content_Types].xml" || name === "META-INF/manifest.xml" || name.endsWith(".rels");
    if (declares && MACRO_DECLARATIONS.test(xml)) found.add("macros");
    if (declares && LINK_DECLARATIONS.test(xml)) found.add("links");
    if (name === "META-INF/manifest.xml" && /vnd\.sun\.star\.oleobject/i.test(xml)) found.add("objects");
    if (name.endsWith(".rels")) {
      const problem = relationshipsProblem(xml);
      if (problem) found.add(problem);
    }
    if (name.startsWith("word/") && /\bDDE(?:AUTO)?\b/i.test(fieldCodes(xml))) found.add("links");
    if (/(^|\/)(content|styles)\.xml$/.test(name) && !name.startsWith("word/")) {
      const text = decodeXml(xml);
      if (ODF_SCRIPTS.some((pattern) => pattern.test(text))) found.add("macros");
    }
  }
  // The most serious first, whatever order the archive lists its parts in.
  return (["macros", "objects", "template", "links"] as const).find((problem) => found.has(problem));
}
