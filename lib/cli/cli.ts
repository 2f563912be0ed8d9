// npm run cli -- <command>: account administration from a shell.
//   user create <login> --password <p> [--admin] [--email <e>] [--name <n>]
//   apikey create <login> [--name <n>]     prints the key once
import "./load-env";
import { parseArgs } from "node:util";
import { createApiKey } from "../auth/api-keys";
import { createUser } from "../auth/create-user";
import { migrateDatabase } from "../db/migrations";
import { closeDatabase, getDatabase, getPrisma } from "../db/prisma";
import { AppError } from "../shared/api-error";

const USAGE = `Usage:
  npm run cli -- user create <login> --password <password> [--admin] [--email <email>] [--name <name>]
  npm run cli -- apikey create <login> [--name <key name>]`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { password: { type: "string" }, admin: { type: "boolean" }, email: { type: "string" }, name: { type: "string" } },
});
const [noun, verb, login] = positionals;

async function run(): Promise<void> {
  const known = (noun === "user" && verb === "create" && login && values.password) || (noun === "apikey" && verb === "create" && login);
  if (!known) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  await migrateDatabase(getDatabase().connection);
  if (noun === "user" && values.password) {
    const user = await createUser({ login, password: values.password, admin: values.admin, email: values.email, name: values.name });
    console.log(`Created ${user.role} ${user.login} (${user.email}).`);
  } else {
    const user = await getPrisma().user.findUnique({ where: { login: login.toLowerCase() }, select: { id: true } });
    if (!user) throw new AppError("not_found", `No user with the login ${login}`);
    const key = await createApiKey(user.id, values.name ?? "command line");
    console.log(key.key); // alone on stdout, so scripts can capture it
    console.error(`API key "${key.name}" for ${login}: shown once, keep it safe.`);
  }
}

try {
  await run();
} catch (error) {
  if (error instanceof AppError) {
    const details = Array.isArray(error.details) ? (error.details as { path: string; message: string }[]).map((d) => `\n  ${d.path}: ${d.message}`).join("") : "";
    console.error(`Error: ${error.message}${details}`);
  } else console.error(error);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
