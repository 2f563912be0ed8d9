// Benchmark client process: holds N SSE connections to one topic, notes when
// each dashboard:task_list_updated arrives (client-kit.mjs), and reports to the
// parent over IPC. Plain http and a tiny parser keep the client's own cost low,
// so the figures are the server's.
import http from "node:http";
import { clientKit } from "./client-kit.mjs";

const [url, key, countText] = process.argv.slice(2);
const kit = clientKit(Number(countText));
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
const marker = "event: dashboard:task_list_updated\ndata: ";

function open() {
  const started = kit.now();
  let ready = false;
  let failed = false;
  // Before `ready`, any end of the connection is a failed connect; after it, an error.
  const fail = (reason) => {
    if (ready) {
      kit.state.errors++;
    } else if (!failed) {
      failed = true;
      kit.failed(reason);
    }
  };
  const request = http.get(url, { agent, headers: { authorization: `Bearer ${key}` } }, (response) => {
    let buffer = "";
    if (response.statusCode !== 200) return fail(`HTTP ${response.statusCode}`);
    response.on("close", () => !ready && fail("closed before ready"));
    response.setEncoding("utf8");
    response.on("data", (chunk) => {
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf("\n\n")) !== -1) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!ready && message.startsWith("event: ready")) {
          ready = true;
          kit.ready(started);
        } else if (message.startsWith(marker)) {
          kit.receipt(/"taskId":"([^"]+)"/.exec(message)[1], /"version":(\d+)/.exec(message)[1]);
        }
      }
    });
  });
  request.on("error", (error) => fail(error.code ?? error.message));
}

await kit.openAll(open);
