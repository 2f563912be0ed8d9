// Recognizes "the database cannot be reached" among driver and Prisma errors,
// so it is answered 503 (try later) rather than 500 (our bug).
const UNREACHABLE = [
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "Connection terminated",
  "timeout exceeded when trying to connect",
  "Can't reach database server",
  "Connection ended unexpectedly",
  "terminating connection",
  "the database system is starting up",
  "the database system is shutting down",
];

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const { message, code, cause } = e as { message?: unknown; code?: unknown; cause?: unknown };
    const text = `${typeof code === "string" ? code : ""} ${typeof message === "string" ? message : ""}`;
    if (UNREACHABLE.some((needle) => text.includes(needle))) return true;
    e = cause;
  }
  return false;
}
