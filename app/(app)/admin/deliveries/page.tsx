import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeliveryTable } from "@/components/admin/delivery-table";
import { isAdmin } from "@/lib/auth/permissions";
import { requirePageViewer } from "@/lib/auth/page-viewer";
import { DELIVERY_OUTCOMES, listDeliveries, listDeliveriesQuerySchema } from "@/lib/github/delivery-admin";

export const metadata: Metadata = { title: "Webhook deliveries" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// GET /admin/deliveries?outcome=failed&before=<receivedAt> – recent GitHub webhook
// deliveries with their outcome, and a reprocess action (admins; others get 404).
export default async function DeliveriesPage({ searchParams }: Props) {
  const viewer = await requirePageViewer();
  if (!isAdmin(viewer)) notFound();
  const params = await searchParams;
  const query = listDeliveriesQuerySchema.safeParse({ outcome: params.outcome || undefined, before: params.before || undefined });
  const { outcome, before, limit } = query.success ? query.data : { outcome: undefined, before: undefined, limit: 50 };
  const deliveries = await listDeliveries({ outcome, before, limit });
  const filter = (value?: string) => (value ? `/admin/deliveries?outcome=${value}` : "/admin/deliveries");
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Webhook deliveries</h1>
      <p className="text-sm text-slate-600">
        What GitHub sent to <code className="rounded bg-slate-100 px-1">/api/webhooks/github</code>, newest first. Failed deliveries are retried
        on their own; reprocess one to apply it again now (say, after creating the task it was meant for).
      </p>
      <nav className="flex flex-wrap gap-2 text-sm" aria-label="Filter by outcome">
        {[undefined, ...DELIVERY_OUTCOMES].map((value) => (
          <Link
            key={value ?? "all"}
            href={filter(value)}
            aria-current={value === outcome ? "page" : undefined}
            className={`rounded-full border px-3 py-1 ${value === outcome ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 hover:bg-slate-100"}`}
          >
            {value ?? "all"}
          </Link>
        ))}
      </nav>
      <DeliveryTable key={`${outcome}|${before?.toISOString()}`} initial={deliveries} />
      {deliveries.length === limit && (
        <Link
          className="inline-block text-sm text-blue-700 hover:underline"
          href={`/admin/deliveries?${new URLSearchParams({ ...(outcome && { outcome }), before: deliveries.at(-1)!.receivedAt })}`}
        >
          Older deliveries →
        </Link>
      )}
    </section>
  );
}
