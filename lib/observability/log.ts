// Structured JSON logs (pino) on stdout, one object per line, for the server.
// Request ids and delivery ids go in as fields; secrets never
// do: the paths below are censored wherever they appear, and webhook payloads
// are never logged, only their delivery id, event and outcome.
import pino from "pino";

const REDACT = [
  "authorization",
  "cookie",
  "*.authorization",
  "*.cookie",
  "*.token",
  "*.secret",
  "*.apiKey",
  "*.key",
  "*.password",
  'headers["x-hub-signature-256"]',
  "payload",
  "*.payload",
  // PGlite's errors carry the failed statement's parameters (a session token, a task's text).
  "err.params",
  "error.params",
];

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
const LEVELS = new Set<string>(LOG_LEVELS);

const holder = globalThis as typeof globalThis & { __conduitLog?: pino.Logger };

export const LOG_OPTIONS: pino.LoggerOptions = {
  // Validated with the rest of the environment (env.ts); an unknown level must not stop the logger that reports it.
  level: LEVELS.has(process.env.LOG_LEVEL ?? "") ? process.env.LOG_LEVEL! : "info",
  base: { pid: process.pid },
  redact: { paths: REDACT, censor: "[redacted]" },
  // Errors keep their type, message and stack under `err`.
  serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
};

// One logger per process (Next bundles this module more than once).
export const log: pino.Logger = (holder.__conduitLog ??= pino(
  LOG_OPTIONS,
  // Buffered: a write to a slow stdout (a full pipe) must not stall the event
  // loop, as a synchronous one does; pino flushes what is left when the process exits.
  pino.destination({ dest: 1, sync: false }),
));
