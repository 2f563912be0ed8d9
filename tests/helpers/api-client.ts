// Small JSON helpers for talking to a running app over HTTP, as the holder of
// an API key (the admin's by default).
export type AppTarget = { url: string; key: string };

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

export function apiClient({ url: baseUrl, key }: AppTarget) {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(new URL(path, baseUrl), {
      method,
      headers: { ...bearer(key), ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
  };
  return {
    call,
    createTask: async (description: string, extra: Record<string, unknown> = {}) => {
      const res = await call("POST", "/api/tasks", { description, ...extra });
      if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.json)}`);
      return res.json as { id: string; version: number };
    },
    health: async () => (await call("GET", "/api/health")).json,
  };
}
