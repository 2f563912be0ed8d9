// StreamConnection over Node's own response (our Node server's transport), on a
// real local HTTP server and client.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { StreamConnection, type CloseReason } from "@/lib/realtime/stream-connection";
import { NodeResponseSink } from "@/lib/realtime/stream-sink";

const text = (s: string) => new TextEncoder().encode(s);
const viewer = { id: "u1", role: "member" as const };
let server: http.Server | undefined;

afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A server whose one request becomes a StreamConnection handed to `use`; resolves with the client's response. */
async function serve(queueLimit: number, use: (c: StreamConnection, sink: NodeResponseSink, closed: CloseReason[]) => void) {
  server = http.createServer((_request, response) => {
    const closed: CloseReason[] = [];
    const sink = new NodeResponseSink(response);
    const c = new StreamConnection(viewer, Date.now() + 60_000, queueLimit, (_c, reason) => closed.push(reason), sink);
    use(c, sink, closed);
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise<http.IncomingMessage>((resolve) => http.get(`http://127.0.0.1:${port}/`, resolve));
}

const readAll = (response: http.IncomingMessage) =>
  new Promise<string>((resolve) => {
    let out = "";
    response.setEncoding("utf8");
    response.on("data", (chunk: string) => (out += chunk));
    response.on("end", () => resolve(out));
  });

describe("NodeResponseSink", () => {
  it("holds what is written until begin(), then sends the headers and the bytes in order", async () => {
    const response = await serve(16_384, (c, sink) => {
      c.deliverControl(text("before-begin\n")); // still in the prelude: held by the connection
      c.endPrelude();
      c.deliver(1n, text("live-1\n"));
      sink.begin({ "content-type": "text/event-stream" });
      c.deliver(2n, text("live-2\n"));
      c.end("client");
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/event-stream");
    expect(await readAll(response)).toBe("retry: 1000\n\nbefore-begin\nlive-1\nlive-2\nretry: 1000\n\n");
  });

  it("closes the connection when the client goes away", async () => {
    let closed: CloseReason[] = [];
    let connection: StreamConnection | undefined;
    const response = await serve(16_384, (c, sink, reasons) => {
      closed = reasons;
      connection = c;
      c.endPrelude();
      sink.begin({});
    });
    const gone = new Promise<void>((resolve) => void connection!.whenClosed.then(resolve));
    response.destroy();
    await gone;
    expect(closed).toEqual(["client"]);
  });

  it("drops a client that stops reading: resync, then the end once it has read the rest", async () => {
    let closed: CloseReason[] = [];
    const chunk = new Uint8Array(64 * 1024).fill(120);
    const response = await serve(256 * 1024, (c, sink, reasons) => {
      closed = reasons;
      c.topics.add("dashboard");
      c.endPrelude();
      sink.begin({});
      // The client reads nothing yet: once the socket's buffers are full, the queue grows past the limit.
      for (let id = 1n; !c.closed && id < 4_000n; id++) c.deliver(id, chunk);
    });
    expect(closed).toEqual(["slow"]);
    const out = await readAll(response); // reading now drains the queue; the response then ends
    expect(out.endsWith('event: resync\ndata: {"reason":"slow_consumer","topics":["dashboard"]}\n\n')).toBe(true);
  });
});
