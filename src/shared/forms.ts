// Form parsing: invalid input is not an exception. It returns the errors by field and the values typed.
import type { z } from "zod";
import type { AppContext } from "./http.ts";

export type FormValues = Record<string, string>;
export type FormErrors = Record<string, string>;

export type FormResult<T> =
  | { ok: true; data: T; values: FormValues }
  | { ok: false; errors: FormErrors; values: FormValues };

/** Reads an urlencoded or multipart body as strings (files and the CSRF field left out). */
export async function readForm(c: AppContext): Promise<FormValues> {
  const body = await c.req.parseBody({ all: true });
  const values: FormValues = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === "_csrf") continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string") values[key] = first;
  }
  return values;
}

/** Reads every value of a repeated field (checkbox groups). */
export async function readFormList(c: AppContext, field: string): Promise<string[]> {
  const body = await c.req.parseBody({ all: true });
  const value = body[field];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === "string");
}

export function validateForm<S extends z.ZodType>(schema: S, values: FormValues): FormResult<z.output<S>> {
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data, values };
  const errors: FormErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "_form");
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values };
}

export async function parseForm<S extends z.ZodType>(
  c: AppContext,
  schema: S,
): Promise<FormResult<z.output<S>>> {
  return validateForm(schema, await readForm(c));
}

/** A multipart or urlencoded body: its text fields and its one file under «file» (if not empty). */
export async function readUploadForm(c: AppContext) {
  const body = await c.req.parseBody({ all: true });
  const values: FormValues = {};
  let file: File | undefined;
  for (const [key, value] of Object.entries(body)) {
    if (key === "_csrf") continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (key === "file") file = first instanceof File && first.size > 0 ? first : undefined;
    else if (typeof first === "string") values[key] = first;
  }
  const upload = file ? { fileName: file.name, bytes: Buffer.from(await file.arrayBuffer()) } : undefined;
  return { values, upload };
}
