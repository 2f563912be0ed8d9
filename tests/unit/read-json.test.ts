import { describe, expect, it } from "vitest";
import { z } from "zod";
import { readJson } from "@/lib/http/read-json";
import { AppError } from "@/lib/shared/api-error";

const schema = z.strictObject({ name: z.string().min(2) });

function request(body: BodyInit, contentType = "application/json", headers: Record<string, string> = {}) {
  return new Request("http://test/", {
    method: "POST",
    headers: { "content-type": contentType, ...headers },
    body,
    duplex: "half",
  } as RequestInit);
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("readJson", () => {
  it("returns the validated body", async () => {
    await expect(readJson(request('{"name":"ok"}'), schema)).resolves.toEqual({ name: "ok" });
    await expect(readJson(request('{"name":"ok"}', "application/json; charset=utf-8"), schema)).resolves.toEqual({ name: "ok" });
  });

  it("answers 415 to another content type", async () => {
    expect((await failure(readJson(request('{"name":"ok"}', "text/plain"), schema))).status).toBe(415);
  });

  it("answers 400 naming each field that holds a NUL character, which PostgreSQL's text cannot store", async () => {
    const nested = z.strictObject({ name: z.string(), tags: z.array(z.string()), meta: z.strictObject({ note: z.string() }) });
    const error = await failure(readJson(request('{"name":"a\\u0000b","tags":["ok","x\\u0000"],"meta":{"note":"fine"}}'), nested));
    expect(error).toMatchObject({ code: "validation_failed", status: 400 });
    expect(error.details).toEqual([
      { path: "name", message: expect.stringContaining("NUL") },
      { path: "tags.1", message: expect.stringContaining("NUL") },
    ]);
    await expect(readJson(request('{"name":"ok","tags":[],"meta":{"note":"a\\\\u0000 written out"}}'), nested)).resolves.toMatchObject({ name: "ok" });
    // A lone surrogate would reach an event's json snapshot as an escape PostgreSQL's json functions refuse; a pair is an emoji.
    const surrogate = await failure(readJson(request('{"name":"a\\ud800","tags":["\\ud83d\\ude00"],"meta":{"note":"x"}}'), nested));
    expect(surrogate.details).toEqual([{ path: "name", message: expect.stringContaining("well-formed") }]);
  });

  it("answers 400 invalid_json to malformed JSON", async () => {
    expect((await failure(readJson(request("{name"), schema))).code).toBe("invalid_json");
  });

  it("names each failing field and each unknown field", async () => {
    const error = await failure(readJson(request('{"name":"x","extra":1}'), schema));
    expect(error.code).toBe("validation_failed");
    expect(error.details).toEqual([
      { path: "name", message: expect.any(String) },
      { path: "extra", message: "Unknown field" },
    ]);
  });

  it("answers 413 while streaming a body over the limit, whatever Content-Length says", async () => {
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new Uint8Array(100).fill(32));
        controller.close();
      },
    });
    expect((await failure(readJson(request(chunks), schema, 1_000))).status).toBe(413);
    expect((await failure(readJson(request("{}", "application/json", { "content-length": "5000" }), schema, 1_000))).status).toBe(413);
  });
});
