"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { authClient, signInWithGitHub } from "@/lib/client/auth-client";

type Props = { mode: "sign-in" | "sign-up"; github: boolean; githubOrg: string | null };

const field = "w-full rounded border border-slate-300 px-3 py-2 text-sm";

export function SignInForm({ mode, github, githubOrg }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? "").trim();
    setSending(true);
    setError(null);
    const password = String(data.get("password") ?? "");
    const identity = text("identity");
    const result =
      mode === "sign-up"
        ? await authClient.signUp.email({ email: text("email"), password, name: text("name") || identity, username: identity })
        : identity.includes("@")
          ? await authClient.signIn.email({ email: identity, password })
          : await authClient.signIn.username({ username: identity, password });
    setSending(false);
    if (result.error) return setError(result.error.message ?? "Sign-in failed");
    router.push("/");
    router.refresh();
  }

  return (
    <div className="space-y-6">
      <form onSubmit={submit} className="space-y-3" aria-label={mode === "sign-up" ? "Create the first account" : "Sign in"}>
        <label className="block space-y-1 text-sm">
          <span className="font-medium">{mode === "sign-up" ? "Login" : "Login or email"}</span>
          <input name="identity" required autoComplete="username" className={field} />
        </label>
        {mode === "sign-up" && (
          <>
            <label className="block space-y-1 text-sm">
              <span className="font-medium">Name</span>
              <input name="name" autoComplete="name" className={field} />
            </label>
            <label className="block space-y-1 text-sm">
              <span className="font-medium">Email</span>
              <input name="email" type="email" required autoComplete="email" className={field} />
            </label>
          </>
        )}
        <label className="block space-y-1 text-sm">
          <span className="font-medium">Password</span>
          <input name="password" type="password" required minLength={mode === "sign-up" ? 10 : undefined} autoComplete={mode === "sign-up" ? "new-password" : "current-password"} className={field} />
        </label>
        {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
        <button type="submit" disabled={sending} className="w-full rounded bg-slate-900 px-3 py-2 text-sm text-white disabled:opacity-50">
          {sending ? "…" : mode === "sign-up" ? "Create account" : "Sign in"}
        </button>
      </form>
      {github && (
        <div className="space-y-1">
          <button
            type="button"
            onClick={async () => setError(await signInWithGitHub("/"))}
            className="w-full rounded border border-slate-300 px-3 py-2 text-sm"
          >
            Sign in with GitHub
          </button>
          {githubOrg && <p className="text-center text-xs text-slate-500">For members of {githubOrg}</p>}
        </div>
      )}
    </div>
  );
}
