// Benchmark client process for the Socket.IO baseline: holds N socket.io
// connections (WebSocket transport) in the `dashboard` room, notes when each
// dashboard:task_list_updated arrives (wall clock, ms, keyed by task and
// version), and reports to the parent over IPC, like ../sse-clients.mjs.
import { io } from "socket.io-client";

const [url, countText] = process.argv.slice(2);
const count = Number(countText);
const now = () => performance.timeOrigin + performance.now();
const receipts = new Map(); // `${taskId}:${version}` -> receipt times
const connectMs = [];
let connected = 0;
let errors = 0;
const sockets = [];

function open() {
  const started = now();
  const socket = io(url, { transports: ["websocket"], reconnection: false, forceNew: true });
  sockets.push(socket);
  socket.on("connect", () => {
    socket.emit("join", "dashboard");
    connectMs.push(now() - started);
    if (++connected === count) process.send({ type: "connected", connectMs });
  });
  socket.on("connect_error", () => errors++);
  socket.on("dashboard:task_list_updated", (update) => {
    const at = now();
    const key = `${update.taskId}:${update.version}`;
    let list = receipts.get(key);
    if (!list) receipts.set(key, (list = []));
    list.push(at);
  });
}

// Open in small batches, as the SSE client does.
for (let i = 0; i < count; i += 50) {
  for (let j = i; j < Math.min(count, i + 50); j++) open();
  await new Promise((r) => setTimeout(r, 20));
}

process.on("message", (message) => {
  if (message.type === "report") {
    process.send({ type: "report", receipts: Object.fromEntries(receipts), errors });
  } else if (message.type === "exit") {
    for (const socket of sockets) socket.close();
    process.exit(0);
  }
});
