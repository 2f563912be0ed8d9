import type { Metadata } from "next";
import { ApiKeys } from "@/components/auth/api-keys";
import { listApiKeys } from "@/lib/auth/api-keys";
import { requirePageViewer } from "@/lib/auth/page-viewer";

export const metadata: Metadata = { title: "API keys" };

// GET /account – the signed-in person's API keys: create (shown once) and revoke.
export default async function AccountPage() {
  const viewer = await requirePageViewer();
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">API keys</h1>
      <p className="text-sm text-slate-600">
        For scripts and curl: <code className="rounded bg-slate-100 px-1">Authorization: Bearer &lt;key&gt;</code>. A key acts as you
        ({viewer.login}); it is shown once, when you create it.
      </p>
      <ApiKeys initialKeys={await listApiKeys(viewer.id)} />
    </section>
  );
}
