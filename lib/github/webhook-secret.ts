// Which secrets sign the deliveries we accept: GITHUB_WEBHOOK_SECRET (and the
// previous one while rotating). In development only, an unset secret means a
// public one, so `npm run dev` and `npm run demo` work together out of the
// box; elsewhere an unset secret refuses every delivery.
import { getEnv } from "../config/env";

export const DEVELOPMENT_WEBHOOK_SECRET = "conduit-development-webhook-secret";

export function webhookSecrets(): { secret: string; previous?: string; development: boolean } | null {
  const { GITHUB_WEBHOOK_SECRET: secret, GITHUB_WEBHOOK_SECRET_PREVIOUS: previous, NODE_ENV } = getEnv();
  if (secret) return { secret, previous, development: false };
  return NODE_ENV === "development" ? { secret: DEVELOPMENT_WEBHOOK_SECRET, development: true } : null;
}
