import type { z } from "zod";
import { parseWith } from "./read-json";

/**
 * Validates a URL's query string. Keys in `repeatable` collect every occurrence
 * (?status=a&status=b); any other key takes its last value.
 */
export function readQuery<S extends z.ZodType>(request: Request, schema: S, repeatable: readonly string[] = []): z.infer<S> {
  const params = new URL(request.url).searchParams;
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    raw[key] = repeatable.includes(key) ? params.getAll(key) : (params.getAll(key).at(-1) ?? "");
  }
  return parseWith(schema, raw, "The query string is invalid");
}
