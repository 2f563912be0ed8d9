// GitHub sign-in through better-auth against a local stand-in for GitHub's
// OAuth pages and user API, reached over real HTTP: members of GITHUB_ORG get
// in, others do not, and membership is checked again at every sign-in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as authRoute from "@/app/api/auth/[...all]/route";
import { GET as listRoute } from "@/app/api/tasks/route";
import { resetEnvCache } from "@/lib/config/env";
import { callRoute } from "../helpers/call-route";
import { startGitHubOAuthStandIn } from "../helpers/github-oauth-standin";
import { withTestDatabase } from "../helpers/test-database";

withTestDatabase();

const ORG = "acme";
const ORIGIN = "http://conduit.test";
let github: Awaited<ReturnType<typeof startGitHubOAuthStandIn>>;

beforeAll(async () => {
  github = await startGitHubOAuthStandIn("client-id-1", "client-secret-1");
  Object.assign(process.env, {
    GITHUB_CLIENT_ID: "client-id-1",
    GITHUB_CLIENT_SECRET: "client-secret-1",
    GITHUB_ORG: ORG,
    GITHUB_OAUTH_URL: github.url,
    GITHUB_API_URL: github.apiUrl,
  });
  resetEnvCache();
});

afterAll(async () => {
  for (const name of ["GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET", "GITHUB_ORG", "GITHUB_OAUTH_URL", "GITHUB_API_URL"]) delete process.env[name];
  resetEnvCache();
  await github.close();
});

const cookies = (headers: Headers) => headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");

/** The whole dance: our sign-in endpoint, GitHub's authorize page, our callback. Returns where it lands and the cookies. */
async function signInWithGitHub(login: string) {
  github.signInAs(login);
  const start = await callRoute(authRoute.POST, "POST", "/api/auth/sign-in/social", {
    as: null,
    headers: { origin: ORIGIN },
    body: { provider: "github", callbackURL: "/", errorCallbackURL: "/sign-in" },
  });
  expect(start.status).toBe(200);
  const authorize = await fetch(start.json.url, { redirect: "manual" });
  expect(authorize.status).toBe(302);
  const callback = new URL(authorize.headers.get("location")!);
  expect(callback.pathname).toBe("/api/auth/callback/github");
  const done = await callRoute(authRoute.GET, "GET", `${callback.pathname}${callback.search}`, { as: null, headers: { cookie: cookies(start.headers) } });
  expect(done.status).toBe(302);
  return { location: done.headers.get("location")!, cookie: cookies(done.headers) };
}

describe("GitHub sign-in", () => {
  it("signs in a member of GITHUB_ORG, whose session then works on the API", async () => {
    github.person("octo-member");
    github.setMember(ORG, "octo-member", true);
    const { location, cookie } = await signInWithGitHub("octo-member");
    expect(new URL(location, ORIGIN).pathname).toBe("/");
    const list = await callRoute(listRoute, "GET", "/api/tasks", { as: null, headers: { cookie } });
    expect(list.status).toBe(200);
  });

  it("refuses someone outside the organisation, with a reason on the sign-in page and no session", async () => {
    github.person("outsider");
    const { location, cookie } = await signInWithGitHub("outsider");
    const landed = new URL(location, ORIGIN);
    expect(landed.pathname).toBe("/sign-in");
    expect(landed.searchParams.get("error")).toBe("unable_to_get_user_info");
    expect((await callRoute(listRoute, "GET", "/api/tasks", { as: null, headers: { cookie } })).status).toBe(401);
  });

  it("checks membership at every sign-in: someone who left the organisation is refused the next time", async () => {
    github.person("leaver");
    github.setMember(ORG, "leaver", true);
    expect(new URL((await signInWithGitHub("leaver")).location, ORIGIN).pathname).toBe("/");
    github.setMember(ORG, "leaver", false);
    const again = await signInWithGitHub("leaver");
    expect(new URL(again.location, ORIGIN).pathname).toBe("/sign-in");
    expect((await callRoute(listRoute, "GET", "/api/tasks", { as: null, headers: { cookie: again.cookie } })).status).toBe(401);
  });
});
