import type { z } from "zod";
import { AppError, type FieldIssue } from "../shared/api-error";

export const JSON_BODY_LIMIT = 1024 * 1024; // 1 MB

/**
 * Reads and validates a JSON body: 415 unless the content type is JSON, 413 past
 * the limit (counted while streaming, so a lying Content-Length changes
 * nothing), 400 for malformed JSON or a body the schema refuses.
 */
export async function readJson<S extends z.ZodType>(request: Request, schema: S, limit = JSON_BODY_LIMIT): Promise<z.infer<S>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type.trim())) {
    throw new AppError("unsupported_media_type", "Send the body as JSON with Content-Type: application/json");
  }
  const text = await readText(request, limit);
  let body: unknown;
  try {
    body = text.trim() === "" ? undefined : JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", "The body is not valid JSON");
  }
  return parseWith(schema, body, "The request body is invalid");
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, message: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) {
    const unstorable = unstorableText(parsed.data);
    if (unstorable.length > 0) throw new AppError("validation_failed", message, unstorable);
    return parsed.data;
  }
  const details: FieldIssue[] = parsed.error.issues.flatMap((issue) => {
    const path = issue.path.map(String).join(".");
    // Name each unknown field rather than blaming the whole object.
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ path: path ? `${path}.${key}` : key, message: "Unknown field" }));
    }
    return [{ path, message: issue.message }];
  });
  throw new AppError("validation_failed", message, details);
}

// Text PostgreSQL cannot take: its text type has no NUL character, so a
// statement given one fails; a lone surrogate would be written into the json
// of an event's snapshot as an escape its json functions refuse. A request
// carrying either anywhere is refused here, naming the field.
function unstorableText(value: unknown, path = ""): FieldIssue[] {
  if (typeof value === "string") {
    if (value.includes("\0")) return [{ path, message: "Must not contain the NUL character (\\u0000)" }];
    return value.isWellFormed() ? [] : [{ path, message: "Must be well-formed Unicode (a lone surrogate is not)" }];
  }
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => unstorableText(inner, path ? `${path}.${key}` : key));
}

/** The body as text, refused with 413 once it passes `limit` bytes. */
export function readText(request: Request, limit: number): Promise<string> {
  // Node's web streams are async iterable; TypeScript's DOM types do not say so.
  const body = (request.body ?? []) as AsyncIterable<Uint8Array> | Uint8Array[];
  return readBodyText(request.headers.get("content-length"), body, limit);
}

/**
 * A body given as its declared length and its chunks (a web ReadableStream, or
 * Node's request for our Node server's routes), as text: refused with 413 when
 * the declared length or, while reading, the bytes received pass `limit`
 * (leaving the loop early cancels the stream).
 */
export async function readBodyText(declaredLength: string | null | undefined, body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, limit: number): Promise<string> {
  if (Number(declaredLength) > limit) throw tooLarge(limit);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `The body is larger than ${Math.round(limit / 1024)} KB`);
}
