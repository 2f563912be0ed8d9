"use client";
// The browser's side of better-auth: sign in (login or email), first-account
// sign-up, GitHub sign-in, sign out. Cookies carry the session.
import { usernameClient } from "better-auth/client/plugins";
import { createAuthClient } from "better-auth/react";

export const authClient = createAuthClient({ plugins: [usernameClient()] });

/** GitHub sign-in (a generic OAuth provider on the server): the browser leaves for GitHub. */
export async function signInWithGitHub(next: string): Promise<string | null> {
  const response = await fetch("/api/auth/sign-in/oauth2", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ providerId: "github", callbackURL: next, errorCallbackURL: "/sign-in" }),
  });
  const body = (await response.json().catch(() => null)) as { url?: string; message?: string } | null;
  if (response.ok && body?.url) {
    window.location.href = body.url;
    return null;
  }
  return body?.message ?? "GitHub sign-in is not available";
}
