// StreamConnection over Node's own response (our Node server's transport), on a
// real local HTTP server and client.
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { StreamConnection, type CloseReason } from "@/lib/realtime/stream-connection";
import { NodeResponseSink } from "@/lib/realtime/stream-sink";

const text = (s: string) => new TextEncoder().encode(s);
const viewer = { id: "u1", role: "member" as const };
let server: http.Server | undefined;

afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A server whose one request becomes a StreamConnection handed to `use`; resolves with the client's response. */
async function serve(queueLimit: number, use: (c: StreamConnection, sink: NodeResponseSink, closed: CloseReason[]) => void) {
  const port = await listen(queueLimit, use);
  return new Promise<http.IncomingMessage>((resolve) => http.get(`http://127.0.0.1:${port}/`, resolve));
}

async function listen(queueLimit: number, use: (c: StreamConnection, sink: NodeResponseSink, closed: CloseReason[]) => void) {
  server = http.createServer((_request, response) => {
    const closed: CloseReason[] = [];
    const sink = new NodeResponseSink(response);
    const c = new StreamConnection(viewer, Date.now() + 60_000, queueLimit, (_c, reason) => closed.push(reason), sink);
    use(c, sink, closed);
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

/** The raw bytes of the response to `request`, up to `until` (or the connection's end), the headers cut off. */
function rawBody(port: number, request: string, until?: string) {
  return new Promise<string>((resolve, reject) => {
    let out = "";
    const done = () => resolve(out.slice(out.indexOf("\r\n\r\n") + 4));
    const socket = net.connect(port, "127.0.0.1", () => socket.write(request));
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      out += chunk;
      if (until && out.endsWith(until)) {
        socket.destroy();
        done();
      }
    });
    socket.on("end", done);
    socket.on("error", reject);
  });
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

  it("sends the writes of one tick as one HTTP chunk, and ends with the terminating chunk", async () => {
    const port = await listen(16_384, (c, sink) => {
      c.endPrelude();
      sink.begin({});
      setImmediate(() => {
        c.deliver(1n, text("a\n")); // one tick: one chunk
        c.deliver(2n, text("bc\n"));
        setImmediate(() => c.end("client")); // a later tick: a chunk of its own, then the end
      });
    });
    const body = await rawBody(port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", "0\r\n\r\n");
    expect(body).toBe("d\r\nretry: 1000\n\n\r\n5\r\na\nbc\n\r\nd\r\nretry: 1000\n\n\r\n0\r\n\r\n");
  });

  it("gives streams written the same messages in one tick one shared chunk, and every other stream its own", async () => {
    const same = text("same\n");
    const tails = { a: text("tail-a\n"), b: text("tail-b\n") };
    const streams: { path: string; c: StreamConnection; chunks: unknown[] }[] = [];
    server = http.createServer((request, response) => {
      const chunks: unknown[] = [];
      const socket = response.socket!;
      const write = socket.write.bind(socket) as (chunk: unknown) => boolean;
      socket.write = ((chunk: unknown) => (chunks.push(chunk), write(chunk))) as typeof socket.write;
      const sink = new NodeResponseSink(response);
      const c = new StreamConnection(viewer, Date.now() + 60_000, 16_384, () => undefined, sink);
      c.endPrelude();
      sink.begin({});
      streams.push({ path: request.url!, c, chunks });
      if (streams.length < 4) return;
      setImmediate(() => {
        // One tick: /1 and /2 get the same arrays; /3 the same but unframed (HTTP/1.0); /4 a different second one.
        // In this order each of /3 and /4 follows streams whose chunk it must not take.
        const inOrder = ["/1", "/2", "/3", "/4"].map((path) => streams.find((s) => s.path === path)!);
        for (const { path, c } of inOrder) {
          c.deliver(1n, same);
          c.deliver(2n, path === "/4" ? tails.b : tails.a);
        }
        setImmediate(() => streams.forEach((s) => s.c.end("client")));
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const get = (path: string) => `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`;
    const [one, two, three, four] = await Promise.all([
      rawBody(port, get("/1"), "0\r\n\r\n"),
      rawBody(port, get("/2"), "0\r\n\r\n"),
      rawBody(port, "GET /3 HTTP/1.0\r\n\r\n"),
      rawBody(port, get("/4"), "0\r\n\r\n"),
    ]);
    const framed = (live: string) => `d\r\nretry: 1000\n\n\r\n${live.length.toString(16)}\r\n${live}\r\nd\r\nretry: 1000\n\n\r\n0\r\n\r\n`;
    expect([one, two, three, four]).toEqual([
      framed("same\ntail-a\n"),
      framed("same\ntail-a\n"),
      "retry: 1000\n\nsame\ntail-a\nretry: 1000\n\n",
      framed("same\ntail-b\n"),
    ]);
    // The live chunk is each socket's second write (after the retry hint): one object for /1 and /2 only.
    const live = Object.fromEntries(streams.map((s) => [s.path, s.chunks.at(-3)]));
    expect(live["/1"]).toBe(live["/2"]);
    expect(new Set([live["/1"], live["/3"], live["/4"]]).size).toBe(3);
  });

  it("sends an HTTP/1.0 client the bytes unframed, ending with the connection", async () => {
    const port = await listen(16_384, (c, sink) => {
      c.endPrelude();
      sink.begin({});
      c.deliver(1n, text("live-1\n"));
      setImmediate(() => c.end("client"));
    });
    expect(await rawBody(port, "GET / HTTP/1.0\r\n\r\n")).toBe("retry: 1000\n\nlive-1\nretry: 1000\n\n");
  });

  it("keeps to the response's own writes for a pipelined request, whose response gets its socket only later", async () => {
    server = http.createServer((request, response) => {
      if (request.url === "/first") return void setTimeout(() => response.end("first\n"), 20);
      const sink = new NodeResponseSink(response); // no socket yet: /first still holds it
      const c = new StreamConnection(viewer, Date.now() + 60_000, 16_384, () => undefined, sink);
      c.endPrelude();
      sink.begin({});
      c.deliver(1n, text("live-1\n"));
      setTimeout(() => c.end("client"), 40);
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const both = await rawBody(port, "GET /first HTTP/1.1\r\nHost: x\r\n\r\nGET /stream HTTP/1.1\r\nHost: x\r\n\r\n", "0\r\n\r\n");
    const stream = both.slice(both.lastIndexOf("\r\n\r\n", both.indexOf("retry:")) + 4);
    expect(stream).toBe("d\r\nretry: 1000\n\n\r\n7\r\nlive-1\n\r\nd\r\nretry: 1000\n\n\r\n0\r\n\r\n");
  });

  it("leaves no drain listener on a kept-alive socket once its stream has ended", async () => {
    let counts: { before: number; during: number; after?: number } | undefined;
    server = http.createServer((_request, response) => {
      const socket = response.socket!;
      const before = socket.listenerCount("drain");
      const sink = new NodeResponseSink(response);
      const c = new StreamConnection(viewer, Date.now() + 60_000, 16_384, () => undefined, sink);
      counts = { before, during: socket.listenerCount("drain") };
      c.endPrelude();
      sink.begin({});
      response.once("close", () => (counts!.after = socket.listenerCount("drain")));
      setImmediate(() => c.end("client"));
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await rawBody(port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", "0\r\n\r\n");
    await new Promise((resolve) => setImmediate(resolve));
    expect(counts).toEqual({ before: counts!.before, during: counts!.before + 1, after: counts!.before });
  });
});
