// What both benchmark client processes share (SSE in sse-clients.mjs,
// Socket.IO in socketio/clients.mjs): receipt times keyed by task and version,
// connections opened in small batches, and the IPC protocol with the driver
// (bench-kit.ts clientGroup): "connected" once every connection is open or
// has failed (failures are counted, never waited for); "count" answers
// how many receipts arrived (cheap, for polling); "report" sends them all.
const now = () => performance.timeOrigin + performance.now();

export function clientKit(count, onExit = () => {}) {
  const receipts = new Map(); // `${taskId}:${version}` -> receipt times
  const connectMs = [];
  const state = { errors: 0, received: 0 };
  const failures = {}; // why connections failed to open: reason -> count
  let settled = 0; // connections open or failed
  const settle = () => {
    if (++settled === count) process.send({ type: "connected", connectMs, errors: state.errors, failures });
  };
  process.on("message", (message) => {
    if (message.type === "count") {
      process.send({ type: "count", received: state.received, errors: state.errors });
    } else if (message.type === "report") {
      process.send({ type: "report", receipts: Object.fromEntries(receipts), errors: state.errors });
    } else if (message.type === "exit") {
      onExit();
      process.exit(0);
    }
  });
  return {
    now,
    state,
    /** A connection is ready: report when all have settled. */
    ready(startedAt) {
      connectMs.push(now() - startedAt);
      settle();
    },
    /** A connection failed (refused, reset, or answered without a stream): `reason` says which. */
    failed(reason) {
      failures[reason] = (failures[reason] ?? 0) + 1;
      state.errors++;
      settle();
    },
    receipt(taskId, version) {
      const key = `${taskId}:${version}`;
      let list = receipts.get(key);
      if (!list) receipts.set(key, (list = []));
      list.push(now());
      state.received++;
    },
    /** Opens `count` connections 50 at a time, so the server is not hit by one burst of handshakes. */
    async openAll(open) {
      for (let i = 0; i < count; i += 50) {
        for (let j = i; j < Math.min(count, i + 50); j++) open();
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}
