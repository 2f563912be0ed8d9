import { createHash } from "node:crypto";

// Plain SQL runs as named statements, on PostgreSQL and PGlite alike
// (connection.ts), so a session parses and plans each once and then only binds
// it: the hot statements are few, built from code, and run on every delivery.
// The name is the text's hash (one name can never mean two texts).
const statementNames = new Map<string, string>();

export function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) statementNames.set(text, (name = `conduit_${createHash("sha256").update(text).digest("hex").slice(0, 32)}`));
  return name;
}
