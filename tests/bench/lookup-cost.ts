// npx tsx --conditions=react-server tests/bench/lookup-cost.ts
//
// CPU and wall time per task look-up of the webhook path in this process
// (serial, PostgreSQL at 127.0.0.1): the statement the app sends, which reads
// the task as one json value (lib/tasks/task-columns.ts), beside the same
// select as a column per field, as it was before. Five rounds of 3,000 each
// (the first runs on cold code).
import pg from "pg";
import { selectTaskState, toTaskState } from "@/lib/tasks/task-columns";
import { startServer } from "./servers";

const server = await startServer("conduit", "postgres", 1); // a migrated database with a task
const pool = new pg.Pool({ connectionString: server.databaseUrl, max: 1 });

const asJson = selectTaskState("t.id = $1::uuid");
const asColumns = /FROM \(([\s\S]*)\) s$/.exec(asJson)![1]!; // the inner select: a column per field
const id = server.tasks[0]!.id;
const lookUps = {
  "one json value": async () => toTaskState((await pool.query({ name: "json", text: asJson, values: [id] })).rows[0].task),
  "a column per field": async () => (await pool.query({ name: "columns", text: asColumns, values: [id] })).rows[0],
};

try {
  const [json, columns] = await Promise.all(Object.values(lookUps).map((lookUp) => lookUp()));
  if (JSON.stringify(json) !== JSON.stringify(columns)) throw new Error(`The two differ:\n${JSON.stringify(json)}\n${JSON.stringify(columns)}`);
  for (let round = 0; round < 5; round++) {
    for (const [label, lookUp] of Object.entries(lookUps)) {
      for (let i = 0; i < 200; i++) await lookUp(); // warm
      const before = process.cpuUsage();
      const started = performance.now();
      for (let i = 0; i < 3_000; i++) await lookUp();
      const cpu = process.cpuUsage(before);
      console.log(`${label.padEnd(20)} ${((cpu.user + cpu.system) / 3_000).toFixed(0)} µs CPU, ${(((performance.now() - started) * 1000) / 3_000).toFixed(0)} µs wall per look-up`);
    }
  }
} finally {
  await pool.end();
  await server.stop();
  process.exit(0);
}
