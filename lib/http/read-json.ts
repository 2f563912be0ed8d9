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
  if (parsed.success) return parsed.data;
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

/** The body as text, refused with 413 once it passes `limit` bytes. */
export async function readText(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get("content-length"));
  if (declared > limit) throw tooLarge(limit);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `The body is larger than ${Math.round(limit / 1024)} KB`);
}
