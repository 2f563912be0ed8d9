// A TCP front for several app instances, like a load balancer's failover:
// each new connection goes to the first instance that accepts it.
import net from "node:net";

export async function startFailoverProxy(ports: number[]) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => client.destroy());
    client.pause();
    const tryPort = (i: number): void => {
      if (i >= ports.length) return void client.destroy();
      const upstream = net.connect(ports[i]!, "127.0.0.1");
      upstream.once("error", () => {
        upstream.destroy();
        tryPort(i + 1);
      });
      upstream.once("connect", () => {
        sockets.add(upstream);
        upstream.on("close", () => {
          sockets.delete(upstream);
          client.destroy(); // the instance went away: the client reconnects (and lands on another)
        });
        upstream.on("error", () => upstream.destroy());
        client.pipe(upstream).pipe(client);
        client.resume();
      });
    };
    tryPort(0);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
