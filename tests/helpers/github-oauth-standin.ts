// A local stand-in for GitHub's OAuth pages and the user API that sign-in
// reads: the authorize page answers at once as whoever the test says is at
// the keyboard, and organisation membership is whatever the test sets.
import http from "node:http";
import type { AddressInfo } from "node:net";

type Person = { id: number; login: string; name: string; email: string };

export async function startGitHubOAuthStandIn(clientId: string, clientSecret: string) {
  const people = new Map<string, Person>();
  const members = new Map<string, Set<string>>(); // org → logins
  const codes = new Map<string, string>(); // code → login
  const tokens = new Map<string, string>(); // token → login
  let atKeyboard = "";
  let nextId = 1000;

  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (url.pathname === "/login/oauth/authorize") {
        if (url.searchParams.get("client_id") !== clientId) return send(400, { error: "unknown client" });
        const code = `code-${Math.random().toString(36).slice(2)}`;
        codes.set(code, atKeyboard);
        const back = new URL(url.searchParams.get("redirect_uri")!);
        back.searchParams.set("code", code);
        back.searchParams.set("state", url.searchParams.get("state") ?? "");
        res.writeHead(302, { location: back.toString() });
        return res.end();
      }
      if (url.pathname === "/login/oauth/access_token" && req.method === "POST") {
        const form = req.headers["content-type"]?.includes("json") ? JSON.parse(raw) : Object.fromEntries(new URLSearchParams(raw));
        const basic = req.headers.authorization?.startsWith("Basic ")
          ? Buffer.from(req.headers.authorization.slice(6), "base64").toString().split(":")
          : [form.client_id, form.client_secret];
        if (basic[0] !== clientId || basic[1] !== clientSecret) return send(401, { error: "incorrect_client_credentials" });
        const login = codes.get(form.code);
        codes.delete(form.code);
        if (!login) return send(200, { error: "bad_verification_code" });
        const token = `gho_${Math.random().toString(36).slice(2)}`;
        tokens.set(token, login);
        return send(200, { access_token: token, token_type: "bearer", scope: "read:user,user:email,read:org" });
      }
      const login = tokens.get((req.headers.authorization ?? "").replace(/^(token|bearer) /i, ""));
      const person = login ? people.get(login) : undefined;
      if (!person) return send(401, { message: "Bad credentials" });
      if (url.pathname === "/api/v3/user") return send(200, { id: person.id, login: person.login, name: person.name, email: null, avatar_url: `https://avatars.example/${person.id}` });
      if (url.pathname === "/api/v3/user/emails") return send(200, [{ email: person.email, primary: true, verified: true, visibility: "private" }]);
      const membership = /^\/api\/v3\/user\/memberships\/orgs\/([^/]+)$/.exec(url.pathname);
      if (membership) {
        const org = decodeURIComponent(membership[1]!);
        return members.get(org)?.has(person.login) ? send(200, { state: "active", role: "member", organization: { login: org } }) : send(404, { message: "Not Found" });
      }
      send(404, { message: "Not Found" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    apiUrl: `${url}/api/v3`,
    person(login: string) {
      people.set(login, { id: nextId++, login, name: `${login} (GitHub)`, email: `${login}@example.com` });
    },
    setMember(org: string, login: string, member: boolean) {
      if (!members.has(org)) members.set(org, new Set());
      if (member) members.get(org)!.add(login);
      else members.get(org)!.delete(login);
    },
    signInAs(login: string) {
      atKeyboard = login;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
