// Small JSON helpers for talking to a running app over HTTP.
export function apiClient(baseUrl: string) {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(new URL(path, baseUrl), {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
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
