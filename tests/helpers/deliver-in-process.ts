// A signed GitHub delivery handed to the webhook route handler in this
// process (integration tests); deliverWebhook posts to a running app instead.
import { randomUUID } from "node:crypto";
import { POST as webhook } from "@/app/api/webhooks/github/route";
import { callRoute } from "./call-route";
import { signedHeaders, WEBHOOK_SECRET } from "./github-webhooks";

export async function deliver(event: string, payload: unknown, { deliveryId = randomUUID(), secret = WEBHOOK_SECRET } = {}) {
  const body = JSON.stringify(payload);
  return callRoute(webhook, "POST", "/api/webhooks/github", { rawBody: body, headers: await signedHeaders(body, event, deliveryId, secret) });
}
