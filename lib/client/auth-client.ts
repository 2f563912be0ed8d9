"use client";
// The browser's side of better-auth: sign in (login or email), first-account
// sign-up, GitHub sign-in, sign out. Cookies carry the session.
import { usernameClient } from "better-auth/client/plugins";
import { createAuthClient } from "better-auth/react";

export const authClient = createAuthClient({ plugins: [usernameClient()] });

/** GitHub sign-in: the browser leaves for GitHub and comes back signed in (or to /sign-in with a reason). */
export async function signInWithGitHub(next: string): Promise<string | null> {
  const { error } = await authClient.signIn.social({ provider: "github", callbackURL: next, errorCallbackURL: "/sign-in" });
  return error ? (error.message ?? "GitHub sign-in is not available") : null;
}
