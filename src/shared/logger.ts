// Structured JSON logs. Personal data never goes in: the redaction list is a safety net, not the rule.
import pino from "pino";

export type Logger = pino.Logger;

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
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
