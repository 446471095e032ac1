// The import graph of the source tree, for the architecture test (docs/ARCHITECTURE.md, "Rules of direction").
// TypeScript's own parser reads each file, so type-only imports, re-exports and dynamic import() are told apart
// exactly, and a string that merely looks like an import (in a comment or a test fixture) is not counted.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export const ROOT = path.resolve(import.meta.dirname, "..");

export interface Import {
  /** The specifier as written: "../cards/cards.service.ts" or "hono". */
  specifier: string;
  /** Repository-relative target ("src/carnetizacion/cards/cards.service.ts"), or undefined for a package. */
  target: string | undefined;
  /** `import type …`, `import { type A, type B }` or `export type … from`: erased at run time. */
  typeOnly: boolean;
}

export interface SourceFile {
  /** Repository-relative path with forward slashes. */
  file: string;
  lines: number;
  imports: Import[];
}

/** Every .ts/.tsx file under the given repository folders (declaration files aside). */
export function listSources(folders: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && entry.name !== "migrations") walk(rel);
      } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts")) found.push(rel);
    }
  };
  for (const folder of folders) walk(folder);
  return found.sort();
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // `import "./side-effect.ts"` runs the module
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return (
    clause.name === undefined &&
    bindings !== undefined &&
    ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 &&
    bindings.elements.every((element) => element.isTypeOnly)
  );
}

function isTypeOnlyExport(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return (
    clause !== undefined &&
    ts.isNamedExports(clause) &&
    clause.elements.length > 0 &&
    clause.elements.every((element) => element.isTypeOnly)
  );
}

function resolve(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  return path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
}

/** Parses one file's imports: static, re-exports, dynamic import("…") and `import x = require("…")`. */
export function parseSource(file: string, text: string): SourceFile {
  const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, kind);
  const imports: Import[] = [];
  const add = (specifier: string, typeOnly: boolean) =>
    imports.push({ specifier, target: resolve(file, specifier), typeOnly });
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, isTypeOnlyImport(node));
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      add(node.moduleSpecifier.text, isTypeOnlyExport(node));
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      add(node.arguments[0].text, false);
    } else if (ts.isImportTypeNode(node)) {
      // `typeof import("…")` in a type position: erased like `import type`.
      const literal = node.argument;
      if (ts.isLiteralTypeNode(literal) && ts.isStringLiteral(literal.literal))
        add(literal.literal.text, true);
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      add(node.moduleReference.expression.text, node.isTypeOnly);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { file, lines: text.split("\n").length - (text.endsWith("\n") ? 1 : 0), imports };
}

export function readSources(folders: readonly string[]): SourceFile[] {
  return listSources(folders).map((file) => parseSource(file, readFileSync(path.join(ROOT, file), "utf8")));
}
