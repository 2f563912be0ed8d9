// A local HTTP stand-in for the parts of the GitHub REST API that dispatch
// uses, reached through the real Octokit: issues per repository, 404 for
// unknown repositories, and scripted failures (422, rate limits).
import http from "node:http";
import type { AddressInfo } from "node:net";

type Issue = { number: number; title: string; body: string; labels: { name: string }[]; html_url: string; state: string; created_at: string; updated_at: string };
type Scripted = { status: number; body: unknown; headers?: Record<string, string> };

export async function startGitHubStandIn(repos: string[]) {
  const known = new Set(repos.map((r) => r.toLowerCase()));
  const issues = new Map<string, Issue[]>();
  const failures: Scripted[] = [];
  const files = new Map<string, string>();
  let contentReads = 0;
  let creates = 0;
  let number = 100;

  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(body));
      };
      const url = new URL(req.url ?? "/", "http://x");
      const content = /^\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/.exec(url.pathname);
      if (content && req.method === "GET") {
        contentReads++;
        const text = files.get(`${content[1]}/${content[2]}:${decodeURIComponent(content[3]!)}`.toLowerCase());
        if (text === undefined) return send(404, { message: "Not Found" });
        res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
        return res.end(text);
      }
      const match = /^\/repos\/([^/]+)\/([^/]+)\/issues$/.exec(url.pathname);
      const repo = match ? `${match[1]}/${match[2]}`.toLowerCase() : "";
      if (!match || !known.has(repo)) return send(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" });
      if (req.method === "GET") return send(200, issues.get(repo) ?? []);
      if (req.method !== "POST") return send(405, { message: "Method not allowed" });
      const failure = failures.shift();
      if (failure) return send(failure.status, failure.body, failure.headers);
      const input = JSON.parse(raw) as { title: string; body: string; labels: string[] };
      creates++;
      const now = new Date().toISOString();
      const issue: Issue = {
        number: ++number,
        title: input.title,
        body: input.body,
        labels: input.labels.map((name) => ({ name })),
        html_url: `https://github.example/${repo}/issues/${number}`,
        state: "open",
        created_at: now,
        updated_at: now,
      };
      issues.set(repo, [...(issues.get(repo) ?? []), issue]);
      send(201, issue);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    issues: (repo: string) => issues.get(repo.toLowerCase()) ?? [],
    creates: () => creates,
    addRepo: (repo: string) => known.add(repo.toLowerCase()),
    failNextCreate: (failure: Scripted) => failures.push(failure),
    setFile: (repo: string, path: string, text: string) => files.set(`${repo}:${path}`.toLowerCase(), text),
    contentReads: () => contentReads,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
