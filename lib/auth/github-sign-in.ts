import "server-only";
// GitHub sign-in as a generic OAuth provider, so the OAuth pages and the API
// can point at GitHub Enterprise or at a local stand-in in tests. Membership of
// GITHUB_ORG is checked on every sign-in, not only the first.
import type { GenericOAuthConfig } from "better-auth/plugins";
import type { Env } from "../config/env";
import { createGitHubClient, type GitHubClient } from "../github/octokit";

const GITHUB_PROVIDER = "github";

export function githubSignIn(env: Env): GenericOAuthConfig {
  const web = env.GITHUB_OAUTH_URL.replace(/\/$/, "");
  return {
    providerId: GITHUB_PROVIDER,
    name: "GitHub",
    clientId: env.GITHUB_CLIENT_ID!,
    clientSecret: env.GITHUB_CLIENT_SECRET!,
    authorizationUrl: `${web}/login/oauth/authorize`,
    tokenUrl: `${web}/login/oauth/access_token`,
    scopes: env.GITHUB_ORG ? ["read:user", "user:email", "read:org"] : ["read:user", "user:email"],
    pkce: false, // GitHub OAuth apps do not take PKCE parameters everywhere (Enterprise)
    // Null refuses the sign-in: the sign-in page then says why it may have failed.
    getUserInfo: async (tokens) => {
      if (!tokens.accessToken) return null;
      const github = createGitHubClient({ token: tokens.accessToken, baseUrl: env.GITHUB_API_URL });
      const { data: profile } = await github.rest.users.getAuthenticated();
      if (env.GITHUB_ORG && !(await isActiveMember(github, env.GITHUB_ORG))) return null;
      const email = profile.email ?? (await primaryEmail(github)) ?? `${profile.login}@users.noreply.github.com`;
      return { id: String(profile.id), email, emailVerified: true, name: profile.name ?? profile.login, image: profile.avatar_url, login: profile.login };
    },
    mapProfileToUser: (profile) => ({ username: String(profile.login), displayUsername: String(profile.login) }),
  };
}

async function isActiveMember(github: GitHubClient, org: string): Promise<boolean> {
  try {
    const { data } = await github.rest.orgs.getMembershipForAuthenticatedUser({ org });
    return data.state === "active";
  } catch {
    return false; // 404: not a member (or the org is unknown)
  }
}

async function primaryEmail(github: GitHubClient): Promise<string | null> {
  const { data } = await github.rest.users.listEmailsForAuthenticatedUser().catch(() => ({ data: [] }));
  return (data.find((e) => e.primary && e.verified) ?? data.find((e) => e.verified))?.email ?? null;
}
