// Structured JSON logs. Personal data never goes in: the redaction list is a safety net, not the rule.
import pino from "pino";

export type Logger = pino.Logger;

/**
 * Logs go to stdout through a buffered writer (a synchronous write per line costs more than a whole
 * request); main.ts flushes it on shutdown.
 */
export function createLogger(
  level: string,
  destination: pino.DestinationStream = pino.destination({ dest: 1, sync: false, minLength: 4096 }),
): Logger {
  return pino(
    {
      level,
      base: { app: "sipap" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          "password",
          "*.password",
          "credential",
          "*.credential",
          "documentNumber",
          "*.documentNumber",
          "doc",
        ],
        censor: "[oculto]",
      },
    },
    destination,
  );
}

/**
 * What of an error may go in a log. A failed query's message carries the SQL and every parameter, and the
 * database's own message may quote a value (document numbers, names, phones): only its SQLSTATE code and
 * where it was thrown are kept.
 */
export function loggableError(error: unknown): {
  name?: string;
  message: string;
  code?: string;
  stack?: string;
} {
  if (!(error instanceof Error)) return { message: "non-error thrown" };
  if (error.message.startsWith("Failed query:")) {
    const cause = error.cause instanceof Error ? error.cause : undefined;
    const raw = (cause as { code?: unknown } | undefined)?.code;
    const code = typeof raw === "string" ? raw : undefined;
    return {
      name: error.name,
      message: `Failed query: database error ${code ?? "without a code"}`,
      code,
      stack: (cause?.stack ?? error.stack)?.split("\n").slice(1).join("\n"),
    };
  }
  return { name: error.name, message: error.message, stack: error.stack };
}
