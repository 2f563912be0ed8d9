// npm run demo -- [options]: makes the dashboard move without GitHub, by
// sending signed webhook deliveries like an agent's work produces them.
//
//   Live (default): walks every task that is dispatched, coding or has a PR
//   open, found through the API (needs an API key), at a human pace.
//   --replay <file>: sends a recording instead (see --record), to any URL.
//
// Options:
//   --url <url>        where deliveries go (default <app>/api/webhooks/github;
//                      any receiver works, like `gh webhook forward` or smee)
//   --app <url>        the Conduit to read tasks from (default APP_URL or http://localhost:3000)
//   --key <key>        an API key (or CONDUIT_API_KEY); live mode only
//   --secret <s>       the webhook secret (default GITHUB_WEBHOOK_SECRET, else
//                      the development one that `npm run dev` accepts)
//   --pace <seconds>   pause between deliveries (default 3; replays keep their recorded pauses unless given)
//   --limit <n>        walk at most n tasks (default 10)
//   --watch            keep going: walk tasks dispatched later too (Ctrl-C stops)
//   --record <file>    also write what was sent, for --replay
import "./load-env";
import { parseArgs } from "node:util";
import { agentWalk, type WalkTask } from "../demo/agent-walk";
import { readRecording, sendDelivery, writeRecording, type RecordedDelivery } from "../demo/send-deliveries";
import { DEVELOPMENT_WEBHOOK_SECRET } from "../github/webhook-secret";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    app: { type: "string" },
    key: { type: "string" },
    secret: { type: "string" },
    pace: { type: "string" },
    limit: { type: "string", default: "10" },
    watch: { type: "boolean", default: false },
    replay: { type: "string" },
    record: { type: "string" },
  },
});

const app = (values.app ?? process.env.APP_URL ?? "http://localhost:3000").replace(/\/+$/, "");
const target = values.url ?? `${app}/api/webhooks/github`;
const secret = values.secret ?? process.env.GITHUB_WEBHOOK_SECRET ?? DEVELOPMENT_WEBHOOK_SECRET;
const paceMs = values.pace === undefined ? undefined : Math.round(Number(values.pace) * 1000);
if (paceMs !== undefined && !(paceMs >= 0)) fail("--pace takes a number of seconds");

const sent: RecordedDelivery[] = [];
let failures = 0;
let lastSentAt = 0;

function fail(message: string): never {
  console.error(`npm run demo: ${message}`);
  process.exit(2);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function send(delivery: RecordedDelivery, pauseMs: number): Promise<void> {
  await sleep(Math.max(0, lastSentAt + pauseMs - Date.now()));
  const afterMs = lastSentAt ? Date.now() - lastSentAt : 0;
  lastSentAt = Date.now();
  const action = typeof delivery.payload.action === "string" ? `.${delivery.payload.action}` : "";
  const result = await sendDelivery(target, secret, delivery.event, delivery.payload).catch((error: Error) => ({ status: 0, body: error.message, deliveryId: "-" }));
  sent.push({ ...delivery, afterMs });
  const ok = result.status >= 200 && result.status < 300;
  if (!ok) failures++;
  const outcome = ok ? summary(result.body) : result.body.slice(0, 200);
  console.log(`${new Date().toISOString().slice(11, 19)}  ${result.status || "ERR"}  ${delivery.event}${action}  ${delivery.label ?? ""}  ${outcome}`);
  if (result.status === 401) fail(`${target} refused the signature: pass the webhook secret it uses (--secret or GITHUB_WEBHOOK_SECRET)`);
  if (result.status === 503) fail(`${target} does not take webhooks: set GITHUB_WEBHOOK_SECRET on the server (and here)`);
}

function summary(body: string): string {
  try {
    const answer = JSON.parse(body) as { ignored?: boolean; reason?: string; duplicate?: boolean; taskId?: string | null };
    if (answer.ignored) return `ignored: ${answer.reason}`;
    if (answer.duplicate) return "duplicate";
    return answer.taskId ? `task ${answer.taskId}` : "ok";
  } catch {
    return "";
  }
}

async function tasksToWalk(key: string, seen: Set<string>): Promise<WalkTask[]> {
  const url = `${app}/api/tasks?status=dispatched,coding,pr_open&limit=${Math.min(100, Number(values.limit) || 10)}`;
  const response = await fetch(url, { headers: { authorization: `Bearer ${key}` } }).catch((error: Error) => fail(`cannot reach ${app}: ${error.message}`));
  if (response.status === 401) fail("the API key was refused: create one on the Account page (or npm run cli -- apikey create <login>)");
  if (!response.ok) fail(`GET ${url} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  const { tasks } = (await response.json()) as { tasks: WalkTask[] };
  return tasks.filter((t) => !seen.has(t.id));
}

/** Interleaves the tasks' walks, one delivery at a time, so several rows move on the dashboard at once. */
async function walk(tasks: WalkTask[], walked: number): Promise<void> {
  const walks = tasks.map((task, i) => agentWalk(task, (walked + i) % 4 === 3));
  for (let step = 0; walks.some((w) => step < w.length); step++) {
    for (const w of walks) if (w[step]) await send(w[step]!, paceMs ?? 3_000);
  }
}

async function live(): Promise<void> {
  const key = values.key ?? process.env.CONDUIT_API_KEY;
  if (!key) fail("live mode reads the tasks through the API: pass --key <API key> (Account page) or set CONDUIT_API_KEY; or use --replay <file>");
  const seen = new Set<string>();
  for (;;) {
    const tasks = await tasksToWalk(key, seen);
    if (tasks.length) console.log(`Walking ${tasks.length} task(s): ${tasks.map((t) => t.title).join(" · ")}`);
    else if (!values.watch || seen.size === 0) console.log(values.watch ? "No task to walk yet: waiting for one to be dispatched…" : "No task is dispatched, coding or has a PR open: create one and run again (or use --watch).");
    await walk(tasks, seen.size);
    for (const t of tasks) seen.add(t.id);
    if (!values.watch) return;
    await sleep(5_000);
  }
}

async function replay(file: string): Promise<void> {
  const deliveries = await readRecording(file).catch((error: Error) => fail(error.message));
  console.log(`Replaying ${deliveries.length} deliveries from ${file} to ${target}`);
  for (const delivery of deliveries) await send(delivery, paceMs ?? delivery.afterMs ?? 0);
}

const finish = async () => {
  if (values.record) {
    await writeRecording(values.record, sent);
    console.log(`Recorded ${sent.length} deliveries in ${values.record}`);
  }
  process.exit(failures ? 1 : 0);
};
process.once("SIGINT", () => void finish());
await (values.replay ? replay(values.replay) : live());
await finish();
