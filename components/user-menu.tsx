"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { authClient } from "@/lib/client/auth-client";
import type { UserSummary } from "@/lib/shared/task-dto";
import { Avatar } from "./avatar";

/** The signed-in person, their API keys and sign-out. */
export function UserMenu({ user }: { user: UserSummary & { role: string } }) {
  const router = useRouter();
  return (
    <details className="relative">
      <summary className="flex cursor-pointer list-none items-center gap-2 text-sm" aria-label={`Account of ${user.name ?? user.login}`}>
        <Avatar user={user} size={28} />
        <span className="hidden sm:inline">{user.login}</span>
      </summary>
      <div className="absolute right-0 z-30 mt-2 w-48 rounded-lg border border-slate-200 bg-white p-1 text-sm shadow-lg">
        <p className="px-3 py-2 text-slate-500">
          {user.name ?? user.login}
          {user.role === "admin" && " · admin"}
        </p>
        <Link href="/account" className="block rounded px-3 py-2 hover:bg-slate-100">
          API keys
        </Link>
        {user.role === "admin" && (
          <Link href="/admin/deliveries" className="block rounded px-3 py-2 hover:bg-slate-100">
            Webhook deliveries
          </Link>
        )}
        <button
          type="button"
          className="block w-full rounded px-3 py-2 text-left hover:bg-slate-100"
          onClick={async () => {
            await authClient.signOut();
            router.push("/sign-in");
            router.refresh();
          }}
        >
          Sign out
        </button>
      </div>
    </details>
  );
}
