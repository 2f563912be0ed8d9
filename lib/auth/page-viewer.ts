import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Actor } from "./actor";
import { authenticate } from "./authenticate";

/** The signed-in person for this page render (one lookup per request), or null. */
export const getPageViewer = cache(async (): Promise<Actor | null> => authenticate(await headers()));

/** Pages need a session: without one, the sign-in page. */
export async function requirePageViewer(): Promise<Actor> {
  const viewer = await getPageViewer();
  if (!viewer) redirect("/sign-in");
  return viewer;
}
