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
