import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/config/env";
import { DEVELOPMENT_WEBHOOK_SECRET, webhookSecrets } from "@/lib/github/webhook-secret";

const withEnv = (env: Record<string, string | undefined>) => {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  resetEnvCache();
};

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

describe("webhook secrets", () => {
  it("accepts the development secret only in development, when none is set", () => {
    withEnv({ NODE_ENV: "development", GITHUB_WEBHOOK_SECRET: undefined });
    expect(webhookSecrets()).toEqual({ secret: DEVELOPMENT_WEBHOOK_SECRET, development: true });
    for (const NODE_ENV of ["production", "test"]) {
      withEnv({ NODE_ENV, GITHUB_WEBHOOK_SECRET: undefined, BETTER_AUTH_SECRET: "x".repeat(32) });
      expect(webhookSecrets()).toBeNull();
    }
  });

  it("uses the configured secret, and the previous one while rotating, in every mode", () => {
    withEnv({ NODE_ENV: "development", GITHUB_WEBHOOK_SECRET: "new-secret", GITHUB_WEBHOOK_SECRET_PREVIOUS: "old-secret" });
    expect(webhookSecrets()).toEqual({ secret: "new-secret", previous: "old-secret", development: false });
  });
});
