// The house rules of docs/ARCHITECTURE.md ("Layout", "Rules of direction"), as a function over the import
// graph, so test/architecture.test.ts can run them on the real tree and on small made-up trees that must fail.
import type { Import, SourceFile } from "./imports.ts";

export const MAX_LINES = 400;

/** Folders under src/ that are not areas: the core, the framework and the composition roots. */
const NOT_AREAS = new Set(["core", "shared", "db", "cli", "demo", "islands"]);
/** Files that compose core and areas into one program: they may import anything. */
const ROOT_FILES = new Set(["src/app.tsx", "src/main.ts", "src/jobs.ts", "src/areas.ts"]);

/**
 * The eight kinds of module file, plus `types` (shared contracts) and `middleware` (HTTP, beside routes);
 * the kind is the last dotted part of the name.
 */
const KINDS = [
  "routes",
  "middleware",
  "service",
  "repository",
  "table",
  "schemas",
  "rules",
  "views",
  "jobs",
  "types",
];
export type Kind = (typeof KINDS)[number] | "topic";

export type Place =
  | { kind: "module"; area: string; module: string; role: Kind }
  | { kind: "shared" | "config" | "deps" | "db" | "composition" | "islands" | "outside" };

export interface Violation {
  rule: string;
  file: string;
  specifier: string;
  message: string;
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file);

/** `people.edit.routes.tsx` → routes; `lists.effects.ts` → topic (a piece of the service, split by topic). */
export function kindOf(file: string): Kind {
  const parts = (file.split("/").pop() ?? "").replace(/\.tsx?$/, "").split(".");
  const last = parts.length > 1 ? (parts.at(-1) ?? "") : "";
  return KINDS.includes(last) ? last : "topic";
}

export function placeOf(file: string): Place {
  const parts = file.split("/");
  if (parts[0] !== "src") return { kind: "outside" };
  if (parts.length === 2) {
    if (file === "src/config.ts") return { kind: "config" };
    if (file === "src/deps.ts") return { kind: "deps" };
    return { kind: "composition" };
  }
  const top = parts[1] ?? "";
  if (top === "shared") return { kind: "shared" };
  if (top === "db") return { kind: "db" };
  if (top === "islands") return { kind: "islands" };
  if (top === "cli" || top === "demo") return { kind: "composition" };
  // A file right under an area folder (its wiring into core) counts as a module named after the area.
  const module = parts.length > 3 ? `${top}/${parts[2]}` : top;
  return { kind: "module", area: top, module, role: kindOf(file) };
}

const topOf = (file: string) => file.split("/")[1] ?? "";
/** src/<area>/… for any folder that is neither core nor framework (src/planes and src/comunicaciones too). */
const inArea = (file: string) => file.split("/").length > 2 && !NOT_AREAS.has(topOf(file));
const isComposition = (file: string) =>
  ROOT_FILES.has(file) || topOf(file) === "cli" || topOf(file) === "demo";

const DATABASE_PACKAGES = /^(drizzle-orm|pg|@electric-sql\/pglite)(\/|$)/;
/** What another module may import: its use cases, pure rules, input schemas, types and page components. */
const PUBLIC: readonly Kind[] = ["service", "topic", "rules", "schemas", "types", "views"];
const SERVICE_LEVEL: readonly Kind[] = ["service", "topic"];
const PURE: readonly Kind[] = ["rules", "schemas", "types"];

function check(source: SourceFile, imp: Import): Omit<Violation, "file" | "specifier">[] {
  const found: Omit<Violation, "file" | "specifier">[] = [];
  const fail = (rule: string, message: string) => found.push({ rule, message });
  const from = placeOf(source.file);
  const target = imp.target;
  const to = target ? placeOf(target) : undefined;
  const targetTop = target ? topOf(target) : "";

  // (1) The core works without any area; areas plug into it (docs/ARCHITECTURE.md, "Areas and core").
  if (
    target &&
    (from.kind === "deps" || (from.kind === "module" && from.area === "core")) &&
    (inArea(target) || isComposition(target))
  )
    fail("core imports no area", "the core must not depend on an area, the demo or a composition root");

  // (2) Areas meet only in the core and in the composition roots.
  if (
    target &&
    from.kind === "module" &&
    inArea(source.file) &&
    ((inArea(target) && targetTop !== from.area) || isComposition(target))
  )
    fail("an area imports no other area", `${from.area} must not import ${targetTop}`);

  // (6) The framework helpers and the configuration sit below every module.
  if (
    (from.kind === "shared" || from.kind === "config") &&
    target?.startsWith("src/") &&
    to &&
    !(to.kind === "shared" || to.kind === "config") &&
    !(imp.typeOnly && (to.kind === "deps" || to.kind === "db"))
  )
    fail("shared and config import no module", "src/shared and src/config.ts must not import a module");

  // deps.ts is the contract passed down from main.ts: types only, so it never pulls code in.
  if (from.kind === "deps" && !imp.typeOnly) fail("deps.ts is types only", "use `import type`");

  if (from.kind !== "module") return found;
  const role = from.role;
  const toRole = to?.kind === "module" ? to.role : undefined;
  const sameModule = to?.kind === "module" && to.module === from.module;

  // (4) Views render what they are given: no queries, not even their types.
  if (role === "views") {
    if (toRole === "repository" || to?.kind === "db" || DATABASE_PACKAGES.test(imp.specifier))
      fail("views never touch the database", "a view imports no repository, src/db or database driver");
    if (toRole === "table" && !imp.typeOnly)
      fail("views never touch the database", "a view may take a table's row types with `import type` only");
  }

  // (3) routes → service → repository → table, never backwards. Types are erased and may flow upwards.
  if (!imp.typeOnly) {
    if (toRole === "routes" && !(role === "routes" && sameModule))
      fail("nothing imports routes", "only src/app.tsx and the module's own routes mount routes");
    if (SERVICE_LEVEL.includes(role)) {
      if (toRole === "jobs") fail("a service never imports jobs", "queue work by name through deps.jobs");
      if (imp.specifier === "hono" || imp.specifier.startsWith("hono/"))
        fail("services never import hono", "a use case knows nothing of HTTP: take plain values");
    }
    if (
      role === "repository" &&
      (SERVICE_LEVEL.includes(toRole ?? "") || toRole === "views" || toRole === "jobs")
    )
      fail("a repository never imports a service", "a repository only queries tables");
    if (role === "table" && toRole && !["table", ...PURE].includes(toRole))
      fail("a table imports only tables and rules", "a table only declares columns");
    if (PURE.includes(role) && toRole && !PURE.includes(toRole))
      fail("rules, schemas and types stay pure", "pure code imports only rules, schemas and types");
    if (role === "routes" && (toRole === "repository" || toRole === "table"))
      fail("routes go through the service", "a route calls the module's service, not its queries");
  }

  // (5) Another module is reached through its public files only.
  if (to?.kind === "module" && !sameModule && toRole) {
    const joinsTable = toRole === "table" && (imp.typeOnly || role === "repository" || role === "table");
    if (!PUBLIC.includes(toRole) && !joinsTable)
      fail(
        "a module imports another module's public files only",
        toRole === "table"
          ? "another module's table is for joins in repositories and references in tables; elsewhere `import type`"
          : `${toRole} files are private to ${to.module}: call its service`,
      );
    if (toRole === "views" && role !== "views" && role !== "routes")
      fail("a module imports another module's public files only", "views are for routes and views");
  }
  return found;
}

/** Every broken rule in the given files; tests may compose freely and are held to the size rule only. */
export function checkArchitecture(sources: readonly SourceFile[]): Violation[] {
  const violations: Violation[] = [];
  for (const source of sources) {
    if (source.lines > MAX_LINES)
      violations.push({
        rule: `no file over ${MAX_LINES} lines`,
        file: source.file,
        specifier: "",
        message: `${source.lines} lines: split it by responsibility`,
      });
    if (isTest(source.file)) continue;
    const place = placeOf(source.file);
    if (place.kind === "module" && SERVICE_LEVEL.includes(place.role) && source.file.endsWith(".tsx"))
      violations.push({
        rule: "services never import hono",
        file: source.file,
        specifier: "",
        message: "a service renders no JSX (hono/jsx): put markup in a *.views.tsx",
      });
    for (const imp of source.imports)
      for (const v of check(source, imp))
        violations.push({ ...v, file: source.file, specifier: imp.specifier });
  }
  return violations;
}

export const describeViolation = (v: Violation) =>
  `${v.file}${v.specifier ? ` imports "${v.specifier}"` : ""}: breaks «${v.rule}» (${v.message})`;
