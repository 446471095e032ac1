// Business errors with a stable code and HTTP status; onError renders them as Spanish pages.
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: 400 | 403 | 404 | 409 | 413 | 422 | 429 | 503,
    /** Plain-Spanish message safe to show to the user. */
    readonly userMessage: string,
  ) {
    super(code);
    this.name = "AppError";
  }
}

export const notFound = (what = "La página que busca") =>
  new AppError("not_found", 404, `${what} no existe o fue movida.`);

export const forbidden = (message = "Su cuenta no tiene permiso para ver esta página.") =>
  new AppError("forbidden", 403, message);

export const conflict = (code: string, message: string) => new AppError(code, 409, message);

export const badRequest = (code: string, message: string) => new AppError(code, 400, message);

/** A unique index refused the row (PostgreSQL 23505), possibly wrapped by the driver or Drizzle. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e)
    if (e.code === "23505") return true;
  return false;
}
