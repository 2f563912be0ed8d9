// Accounts on a running app, made over HTTP as people make them: the first
// account (the admin) by sign-up, others by the admin (POST /api/users), then
// an API key each. Test processes cannot open the server's embedded database.
export const ADMIN = { username: "admin", password: "admin-password-for-tests", email: "admin@conduit.test", name: "Test Admin" };
export const MEMBER_PASSWORD = "member-password-for-tests";

type Json = Record<string, unknown>;

async function post(url: string, path: string, body: Json, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url, ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined, cookie: sessionCookie(response) };
}

function sessionCookie(response: Response): string {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

/** Signs in with a login and password; returns the session cookie. */
export async function signIn(url: string, username: string, password: string): Promise<string> {
  const res = await post(url, "/api/auth/sign-in/username", { username, password });
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.cookie;
}

async function keyFor(url: string, cookie: string): Promise<string> {
  const res = await post(url, "/api/keys", { name: "tests" }, { cookie });
  if (res.status !== 201) throw new Error(`API key creation failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json.key as string;
}

/** The admin's API key: signs the admin up on a fresh install, or in on a restarted one. */
export async function adminKey(url: string): Promise<string> {
  await post(url, "/api/auth/sign-up/email", ADMIN); // 403 once sign-up is closed: the admin exists
  return keyFor(url, await signIn(url, ADMIN.username, ADMIN.password));
}

/** A member account made by the admin, and its API key. */
export async function createMember(url: string, adminApiKey: string, login: string): Promise<{ login: string; id: string; key: string }> {
  const res = await post(url, "/api/users", { login, password: MEMBER_PASSWORD }, { authorization: `Bearer ${adminApiKey}` });
  if (res.status !== 201) throw new Error(`user creation failed: ${res.status} ${JSON.stringify(res.json)}`);
  return { login, id: res.json.id as string, key: await keyFor(url, await signIn(url, login, MEMBER_PASSWORD)) };
}
