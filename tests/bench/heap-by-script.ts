// npx tsx tests/bench/heap-by-script.ts [--server conduit|socket.io] [--db postgres|pglite] [--streams 100] [--top 15]
//
// What a warm server's heap holds, as a full collection leaves it: a heap
// snapshot taken through the DevTools protocol after 300 deliveries with
// `streams` dashboard subscribers open, counted by node type, and the
// functions (V8's SharedFunctionInfo, each with its bytecode and metadata) by
// the script that defines them: a package, Node's own code, or one of Next's
// server chunks. A full collection marks every one of these nodes, so this is
// where its cost comes from. Needs the production build.
import { parseArgs } from "node:util";
import { collectGarbage, inspectorCommand, round } from "./bench-kit";
import { SERVER_OPTIONS, startServer, type DbKind, type ServerName } from "./servers";
import { warmUp } from "./webhooks";

const { values } = parseArgs({
  options: {
    ...SERVER_OPTIONS,
    streams: { type: "string", default: "100" },
    top: { type: "string", default: "15" },
  },
});

type Snapshot = {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[] } };
  nodes: number[];
  edges: number[];
  strings: string[];
};

async function takeSnapshot(inspectPort: number): Promise<Snapshot> {
  const chunks: string[] = [];
  await inspectorCommand(inspectPort, "HeapProfiler.takeHeapSnapshot", (method, params) => {
    if (method === "HeapProfiler.addHeapSnapshotChunk") chunks.push((params as { chunk: string }).chunk);
  });
  return JSON.parse(chunks.join("")) as Snapshot;
}

/** The package a script belongs to, "node:" for Node's own, or the chunk of Next's build. */
function scriptGroup(url: string): string {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage) return inPackage[1]!;
  if (url.startsWith("node:")) return "node:";
  return url.includes(".next/") ? `.next/${url.split(".next/")[1]}` : url || "(no script)";
}

function summarize({ snapshot: { meta }, nodes, edges, strings }: Snapshot) {
  const [nodeWidth, edgeWidth] = [meta.node_fields.length, meta.edge_fields.length];
  const [TYPE, NAME, SIZE, EDGES] = [meta.node_fields.indexOf("type"), meta.node_fields.indexOf("name"), meta.node_fields.indexOf("self_size"), meta.node_fields.indexOf("edge_count")];
  const [EDGE_NAME, EDGE_TO] = [meta.edge_fields.indexOf("name_or_index"), meta.edge_fields.indexOf("to_node")];
  const nodeTypes = meta.node_types[0];
  const count = nodes.length / nodeWidth;
  const byType = new Map<string, { nodes: number; bytes: number }>();
  const functionsByScript = new Map<string, number>();
  let functions = 0;
  for (let i = 0, edge = 0; i < count; i++) {
    const at = i * nodeWidth;
    const type = nodeTypes[nodes[at + TYPE]!]!;
    const entry = byType.get(type) ?? { nodes: 0, bytes: 0 };
    entry.nodes++;
    entry.bytes += nodes[at + SIZE]!;
    byType.set(type, entry);
    const edgeCount = nodes[at + EDGES]!;
    // A SharedFunctionInfo points at its script through this internal edge; the script node is named by its URL.
    if (type === "code") {
      for (let e = edge; e < edge + edgeCount * edgeWidth; e += edgeWidth) {
        if (strings[edges[e + EDGE_NAME]!] !== "script_or_debug_info") continue;
        const script = scriptGroup(strings[nodes[edges[e + EDGE_TO]! + NAME]!]!);
        functionsByScript.set(script, (functionsByScript.get(script) ?? 0) + 1);
        functions++;
        break;
      }
    }
    edge += edgeCount * edgeWidth;
  }
  // type -> [nodes, MB of their own size]
  const types = Object.fromEntries([...byType].sort((a, b) => b[1].nodes - a[1].nodes).map(([t, v]) => [t, [v.nodes, round(v.bytes / 1e6)]]));
  const top = [...functionsByScript].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top));
  return { nodes: count, edges: edges.length / edgeWidth, types, functions, functionsByScript: Object.fromEntries(top) };
}

const server = await startServer(values.server as ServerName, values.db as DbKind, 10);
try {
  const streams = await server.subscribe(Number(values.streams));
  await warmUp(server.webhookUrl, server.tasks, 300);
  await collectGarbage(server.inspectPort);
  const summary = summarize(await takeSnapshot(server.inspectPort));
  streams.exit();
  console.log(JSON.stringify({ server: server.name, db: values.db, streams: Number(values.streams), ...summary }));
} finally {
  await server.stop();
}
