// Sends webhook deliveries the way GitHub does (JSON body, X-GitHub-Event,
// a fresh X-GitHub-Delivery, X-Hub-Signature-256 over the exact bytes) to any
// URL, and reads and writes recordings of them for --replay.
import { randomUUID } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { sign } from "@octokit/webhooks-methods";
import { z } from "zod";

/** One recorded delivery; `afterMs` is the pause before it (the pace it was recorded at). */
export const recordedDelivery = z.object({
  event: z.string().min(1),
  payload: z.record(z.string(), z.unknown()),
  afterMs: z.number().int().min(0).optional(),
  label: z.string().optional(),
});
export type RecordedDelivery = z.infer<typeof recordedDelivery>;

export type SendResult = { status: number; body: string; deliveryId: string };

export async function sendDelivery(url: string, secret: string, event: string, payload: unknown): Promise<SendResult> {
  const body = JSON.stringify(payload);
  const deliveryId = randomUUID();
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "user-agent": "GitHub-Hookshot/conduit-demo",
      "x-github-event": event,
      "x-github-delivery": deliveryId,
      "x-hub-signature-256": await sign(secret, body),
    },
    body,
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, body: await response.text(), deliveryId };
}

export async function readRecording(file: string): Promise<RecordedDelivery[]> {
  const parsed = z.array(recordedDelivery).safeParse(JSON.parse(await readFile(file, "utf8")));
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`).slice(0, 5).join("; ");
    throw new Error(`${file} is not a recording (a JSON array of {event, payload, afterMs?}): ${where}`);
  }
  return parsed.data;
}

export async function writeRecording(file: string, deliveries: RecordedDelivery[]): Promise<void> {
  await writeFile(file, `${JSON.stringify(deliveries, null, 2)}\n`);
}
