// Benchmark client process for the Socket.IO baseline: holds N socket.io
// connections (WebSocket transport) in one room (`dashboard`, or a task's) and
// records dashboard:task_list_updated like ../sse-clients.mjs (../client-kit.mjs).
import { io } from "socket.io-client";
import { clientKit } from "../client-kit.mjs";

const [url, room, countText] = process.argv.slice(2);
const sockets = [];
const kit = clientKit(Number(countText), () => sockets.forEach((s) => s.close()));

function open() {
  const started = kit.now();
  const socket = io(url, { transports: ["websocket"], reconnection: false, forceNew: true });
  sockets.push(socket);
  socket.on("connect", () => {
    socket.emit("join", room);
    kit.ready(started);
  });
  socket.on("connect_error", (error) => kit.failed(error.description?.error?.code ?? error.message)); // once: reconnection is off
  socket.on("dashboard:task_list_updated", (update) => kit.receipt(update.taskId, update.version));
}

await kit.openAll(open);
