import Link from "next/link";
import { connection } from "next/server";
import { ConnectionStatus } from "@/components/live/connection-status";
import { LiveProvider } from "@/components/live/live-provider";
import { Toaster } from "@/components/live/toaster";
import { UserMenu } from "@/components/user-menu";
import { requirePageViewer } from "@/lib/auth/page-viewer";
import { latestEventId } from "@/lib/events/read-events";

// The signed-in part of the app: every page here needs a session, and shares
// one live stream that survives client-side navigation.
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  await connection(); // per request, never prerendered: the stream starts where this render stands
  // A page rendered from older data than this id is refetched when it seeds (LiveCache.seed).
  const [viewer, lastEventId] = await Promise.all([requirePageViewer(), latestEventId()]);
  return (
    <LiveProvider lastEventId={lastEventId} viewerId={viewer.id}>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-3">
          <Link href="/" className="text-lg font-semibold tracking-tight">
            Conduit
          </Link>
          <div className="flex items-center gap-3 sm:gap-4">
            <ConnectionStatus />
            <Link href="/pipeline" className="text-sm text-slate-600 hover:text-slate-900">
              Pipeline
            </Link>
            <Link href="/tasks/new" className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white">
              New task
            </Link>
            <UserMenu user={viewer} />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-5xl px-4 py-6">{children}</main>
      <Toaster />
    </LiveProvider>
  );
}
