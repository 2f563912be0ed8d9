"use client";
import { useState } from "react";
import type { ApiKeySummary } from "@/lib/shared/api-key-summary";
import { ApiRequestError, apiRequest } from "@/lib/client/fetcher";
import { RelativeTime } from "../relative-time";

export function ApiKeys({ initialKeys }: { initialKeys: ApiKeySummary[] }) {
  const [keys, setKeys] = useState(initialKeys);
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function create(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setError(null);
    try {
      const key = await apiRequest<ApiKeySummary & { key: string }>("POST", "/api/keys", { name: new FormData(form).get("name") });
      setKeys([key, ...keys]);
      setCreated(key.key);
      form.reset();
    } catch (e) {
      setError(e instanceof ApiRequestError ? e.message : "Could not create the key");
    }
  }

  async function revoke(id: string) {
    try {
      await apiRequest("DELETE", `/api/keys/${id}`);
      setKeys(keys.filter((k) => k.id !== id));
    } catch (e) {
      setError(e instanceof ApiRequestError ? e.message : "Could not revoke the key");
    }
  }

  return (
    <div className="space-y-4">
      <form onSubmit={create} className="flex flex-wrap items-end gap-2" aria-label="Create an API key">
        <label className="flex flex-1 flex-col text-sm">
          <span className="font-medium">Name</span>
          <input name="name" required maxLength={100} placeholder="CI deploy script" className="rounded border border-slate-300 px-2 py-1.5" />
        </label>
        <button type="submit" className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white">Create key</button>
      </form>
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      {created && (
        <div role="status" className="space-y-1 rounded border border-green-300 bg-green-50 p-3 text-sm">
          <p className="font-medium">Copy this key now: it will not be shown again.</p>
          <code data-testid="new-api-key" className="block break-all rounded bg-white p-2">{created}</code>
        </div>
      )}
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {keys.length === 0 && <li className="px-4 py-3 text-sm text-slate-500">No keys yet.</li>}
        {keys.map((key) => (
          <li key={key.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
            <span className="font-medium">{key.name}</span>
            <code className="text-slate-500">{key.start}…</code>
            <span className="text-slate-500">
              created <RelativeTime iso={key.createdAt} />
              {key.lastUsedAt && <> · used <RelativeTime iso={key.lastUsedAt} /></>}
            </span>
            <button type="button" onClick={() => revoke(key.id)} className="ml-auto rounded border border-slate-300 px-2 py-1">
              Revoke
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
