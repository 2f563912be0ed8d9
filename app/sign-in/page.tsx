import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { hasAccounts } from "@/lib/auth/auth";
import { getPageViewer } from "@/lib/auth/page-viewer";
import { getEnv } from "@/lib/config/env";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// Known reasons better-auth sends back to errorCallbackURL after GitHub.
const GITHUB_ERRORS: Record<string, string> = {
  unable_to_get_user_info: "GitHub sign-in was refused: your account could not be read, or it is not a member of the organisation this app is limited to.",
};

// GET /sign-in – password and GitHub sign-in; on a fresh install, the first (admin) account.
export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  if (await getPageViewer()) redirect("/");
  const { error } = await searchParams;
  const env = getEnv();
  const firstAccount = !(await hasAccounts());
  const code = typeof error === "string" ? error : null;
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center gap-6 px-4 py-10">
      <h1 className="text-2xl font-semibold">{firstAccount ? "Create the first account" : "Sign in to Conduit"}</h1>
      {firstAccount && <p className="text-sm text-slate-600">Nobody has an account yet. The first account is the administrator.</p>}
      {code && (
        <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-800">
          {GITHUB_ERRORS[code] ?? `Sign-in failed (${code}).`}
        </p>
      )}
      <SignInForm mode={firstAccount ? "sign-up" : "sign-in"} github={Boolean(env.GITHUB_CLIENT_ID)} githubOrg={env.GITHUB_ORG ?? null} />
    </main>
  );
}
