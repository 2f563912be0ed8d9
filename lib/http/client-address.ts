/**
 * The client's address as the proxy in front of us reports it (nginx, Vercel:
 * X-Real-IP or the first X-Forwarded-For entry). Route handlers see no socket;
 * without a proxy every client shares one "unknown" address.
 */
export function clientAddress(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return request.headers.get("x-real-ip")?.trim() || forwarded || "unknown";
}
