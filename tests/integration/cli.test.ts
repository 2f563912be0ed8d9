// The account commands as people run them (npm run cli -- …), in a separate
// process against a database, then checked from here: the user exists with
// the role asked for, and the printed key authenticates as that user.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorForApiKey } from "@/lib/auth/api-keys";
import { closeDatabase, getPrisma } from "@/lib/db/prisma";
import { makeAppDatabase } from "../helpers/app-database";

let env: Record<string, string>;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ env, cleanup } = await makeAppDatabase());
});

afterAll(async () => {
  await closeDatabase();
  await cleanup?.();
});

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "-s", "cli", "--", ...args], {
      env: { ...process.env, DATABASE_URL: undefined, PGLITE_DATA_DIR: undefined, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe("npm run cli", () => {
  it("creates an admin and a member, refuses a taken login, and prints an API key that works", async () => {
    const admin = await cli("user", "create", "Ada-L", "--password", "a long admin password", "--admin", "--email", "ada@example.com");
    expect(admin.code).toBe(0);
    expect(admin.stdout).toContain("Created admin ada-l (ada@example.com)");
    expect((await cli("user", "create", "bo", "--password", "member password 1")).stdout).toContain("Created member bo");

    const taken = await cli("user", "create", "ada-l", "--password", "another long password");
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain("The login ada-l is taken");
    expect((await cli("user", "create", "no-password")).code).toBe(2); // usage

    const key = await cli("apikey", "create", "ada-l", "--name", "deploy");
    expect(key.code).toBe(0);
    const printed = key.stdout.trim();
    expect(printed).toMatch(/^cdt_[A-Za-z0-9_-]{43}$/); // the key alone on stdout
    expect(key.stderr).toContain("shown once");
    expect((await cli("apikey", "create", "nobody")).code).toBe(1);

    // The commands are done with the database; this process may open it now.
    Object.assign(process.env, env);
    if (!env.DATABASE_URL) delete process.env.DATABASE_URL;
    await closeDatabase();
    expect(await actorForApiKey(printed)).toMatchObject({ login: "ada-l", role: "admin" });
    expect(await getPrisma().user.findUnique({ where: { login: "bo" }, select: { role: true } })).toEqual({ role: "member" });
    // The password is stored hashed, never as given.
    const account = await getPrisma().account.findFirst({ where: { user: { login: "ada-l" } }, select: { password: true, providerId: true } });
    expect(account?.providerId).toBe("credential");
    expect(account?.password).not.toContain("a long admin password");
  }, 180_000); // seven processes, each starting tsx and the schema engine
});
