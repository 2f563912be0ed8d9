// Real example payloads from @octokit/webhooks-examples, pointed at our test
// repository and task, signed like GitHub signs them.
import { randomUUID } from "node:crypto";
import { sign } from "@octokit/webhooks-methods";

export const WEBHOOK_SECRET = "test-webhook-secret";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- payloads are GitHub's

export { example, inRepo, pullRequest, type PullRequestOptions } from "@/lib/demo/github-payloads";

export async function signedHeaders(body: string, event: string, deliveryId: string = randomUUID(), secret = WEBHOOK_SECRET) {
  return {
    "content-type": "application/json",
    "x-github-event": event,
    "x-github-delivery": deliveryId,
    "x-hub-signature-256": await sign(secret, body),
  };
}

/** Posts a signed delivery to a running app; resolves to the HTTP status. */
export async function deliverWebhook(baseUrl: string, event: string, payload: Json): Promise<number> {
  const body = JSON.stringify(payload);
  const response = await fetch(`${baseUrl}/api/webhooks/github`, { method: "POST", headers: await signedHeaders(body, event), body });
  await response.arrayBuffer();
  return response.status;
}
