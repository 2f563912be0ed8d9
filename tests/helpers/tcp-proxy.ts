// A TCP relay between the app and PostgreSQL that a test can cut and restore,
// to play a database outage without touching the shared server.
import net from "node:net";

export async function startTcpProxy(targetHost: string, targetPort: number) {
  const sockets = new Set<net.Socket>();
  let mode: "relay" | "cut" | "stall" = "relay";
  const server = net.createServer((client) => {
    if (mode === "cut") return client.destroy();
    if (mode === "stall") {
      // Accept and say nothing, like a server that hangs.
      sockets.add(client);
      client.on("close", () => sockets.delete(client));
      client.on("error", () => client.destroy());
      return;
    }
    const upstream = net.connect(targetPort, targetHost);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    /** Drops every open connection and refuses new ones. */
    cut() {
      mode = "cut";
      for (const s of sockets) s.destroy();
    },
    /** Drops every open connection; new ones are accepted but never answered. */
    stall() {
      mode = "stall";
      for (const s of sockets) s.destroy();
    },
    restore() {
      mode = "relay";
      for (const s of sockets) s.destroy(); // stalled ones
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
