// Runs once when a server process starts, before it serves any request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareServer } = await import("./lib/startup/prepare-server");
  await prepareServer();
}
