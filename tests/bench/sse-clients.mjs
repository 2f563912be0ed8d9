// Benchmark client process: holds N SSE connections to one topic, notes when
// each dashboard:task_list_updated arrives (wall clock, ms, keyed by task and
// version), and reports to the parent over IPC. Plain http and a tiny parser
// keep the client's own cost low, so the figures are the server's.
import http from "node:http";

const [url, countText, key] = process.argv.slice(2);
const count = Number(countText);
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
const now = () => performance.timeOrigin + performance.now();
const receipts = new Map(); // `${taskId}:${version}` -> receipt times
const connectMs = [];
let connected = 0;
let errors = 0;
const marker = "event: dashboard:task_list_updated\ndata: ";

function open() {
  const started = now();
  const request = http.get(url, { agent, headers: { authorization: `Bearer ${key}` } }, (response) => {
    let buffer = "";
    let ready = false;
    response.setEncoding("utf8");
    response.on("data", (chunk) => {
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf("\n\n")) !== -1) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!ready && message.startsWith("event: ready")) {
          ready = true;
          connectMs.push(now() - started);
          if (++connected === count) process.send({ type: "connected", connectMs });
        } else if (message.startsWith(marker)) {
          const at = now();
          const key = `${/"taskId":"([^"]+)"/.exec(message)[1]}:${/"version":(\d+)/.exec(message)[1]}`;
          let list = receipts.get(key);
          if (!list) receipts.set(key, (list = []));
          list.push(at);
        }
      }
    });
  });
  request.on("error", () => errors++);
}

// Open in small batches so the server is not hit by one burst of handshakes.
for (let i = 0; i < count; i += 50) {
  for (let j = i; j < Math.min(count, i + 50); j++) open();
  await new Promise((r) => setTimeout(r, 20));
}

process.on("message", (message) => {
  if (message.type === "report") {
    process.send({ type: "report", receipts: Object.fromEntries(receipts), errors });
  } else if (message.type === "exit") {
    process.exit(0);
  }
});
