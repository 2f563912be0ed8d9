// Runs once when a server process starts, before it serves any request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv } = await import("./lib/config/env");
  try {
    getEnv();
  } catch (error) {
    // A misconfigured server must not half-run (answering 500 to everything): say what is wrong and stop.
    console.error(`Conduit cannot start. ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  const { prepareServer } = await import("./lib/startup/prepare-server");
  await prepareServer();
}
