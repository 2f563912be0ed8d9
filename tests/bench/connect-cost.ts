// npx tsx tests/bench/connect-cost.ts [--server conduit|socket.io] [--db postgres|pglite] [--streams 1000] [--rounds 3]
//                                     [--warm-up 0] [--cpu-prof <dir>]
//
// Connect storms against one fresh server: `rounds` times, `streams` dashboard
// subscribers open at once (bench client processes, as `npm run bench` opens
// them), then leave. Per round: the server's CPU per connection and the
// connect time p50 / p99. The first round meets a cold process, as clients
// reconnecting after a deploy do (and as the bench's connect figure does);
// later rounds show the same work on warm code. --warm-up N first sends N
// webhook deliveries and forces a full GC, as `npm run bench` does before its
// storm. Each round also reports how often the kernel's accept queues
// overflowed meanwhile (ListenOverflows, machine-wide): a dropped SYN costs its
// client a one-second retry.
// Needs the production build (`npm run bench` makes it, or `npx next build`).
import { parseArgs } from "node:util";
import { readFileSync } from "node:fs";
import { collectGarbage, cpuProfArgs, cpuSeconds, percentile, round, sleep, sorted } from "./bench-kit";
import { warmUp } from "./webhooks";
import { SERVER_OPTIONS, startServer, type DbKind, type ServerName } from "./servers";

const { values } = parseArgs({
  options: {
    ...SERVER_OPTIONS,
    streams: { type: "string", default: "1000" },
    rounds: { type: "string", default: "3" },
    "warm-up": { type: "string", default: "0" },
    "cpu-prof": { type: "string" },
  },
});

/** The kernel's count of connections dropped because a listening socket's accept queue was full. */
function listenOverflows(): number {
  const [names, counts] = readFileSync("/proc/net/netstat", "utf8").split("\n").filter((line) => line.startsWith("TcpExt:"));
  return Number(counts!.split(" ")[names!.split(" ").indexOf("ListenOverflows")]);
}
const streams = Number(values.streams);
const nodeArgs = cpuProfArgs(values["cpu-prof"]);
const server = await startServer(values.server as ServerName, values.db as DbKind, 10, nodeArgs);
try {
  if (Number(values["warm-up"]) > 0) {
    await warmUp(server.webhookUrl, server.tasks, Number(values["warm-up"]));
    await collectGarbage(server.inspectPort);
    await sleep(1_000);
  }
  for (let i = 1; i <= Number(values.rounds); i++) {
    const overflowsBefore = listenOverflows();
    const before = cpuSeconds(server.pid);
    const group = await server.subscribe(streams);
    const cpu = cpuSeconds(server.pid) - before;
    group.exit();
    const connect = sorted(group.connectMs);
    console.log(
      JSON.stringify({
        server: server.name,
        round: i,
        streams,
        failed: group.connectErrors,
        ...(group.connectErrors > 0 && { failures: group.connectFailures }),
        cpuMsPerConnection: round((cpu * 1000) / streams),
        connectP50: round(percentile(connect, 50)),
        connectP99: round(percentile(connect, 99)),
        listenOverflows: listenOverflows() - overflowsBefore,
      }),
    );
    await sleep(2_000); // the clients have gone and the server has closed their streams
  }
} finally {
  await server.stop();
}
