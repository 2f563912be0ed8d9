import { getAuth } from "@/lib/auth/auth";
import { publicRoute } from "@/lib/http/route";
import { clientAddress } from "@/lib/http/client-address";
import { consume } from "@/lib/limits/rate-limits";

// GET|POST /api/auth/* – better-auth: sign-in, first-account sign-up, sign-out,
// sessions and the GitHub callback. Its errors keep better-auth's own shape
// ({message, code}), which its browser client reads; our limit answers 429 in ours.
export const GET = (request: Request) => getAuth().handler(request);

export const POST = publicRoute<{ all: string[] }>(async (request) => {
  const path = new URL(request.url).pathname;
  if (/\/api\/auth\/sign-(in|up)\//.test(path)) await consume("signIn", clientAddress(request));
  return getAuth().handler(request);
});
