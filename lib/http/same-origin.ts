import "server-only";
// CSRF: a state-changing request authenticated by a cookie must come from our
// own pages. Browsers send Origin on every such request; API keys are not
// sent by browsers on their own, so Bearer requests need no check.
import { getEnv } from "../config/env";
import { AppError } from "../shared/api-error";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function assertSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.get("origin");
  const appUrl = getEnv().APP_URL;
  // Without APP_URL, the address the browser used (Host, or the proxy's X-Forwarded-Host) is ours.
  const ours = appUrl
    ? origin === new URL(appUrl).origin
    : origin !== null && URL.canParse(origin) && new URL(origin).host === (request.headers.get("x-forwarded-host") ?? request.headers.get("host"));
  if (!ours) {
    throw new AppError("forbidden", "Cross-site request refused: the Origin header must be this app's address", { origin });
  }
}
