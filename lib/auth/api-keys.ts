import "server-only";
// API keys for scripts: `Authorization: Bearer cdt_…`. A key is shown once, at
// creation; only its SHA-256 is stored, so a database leak reveals no key.
// (better-auth's API-key plugin pins older versions of better-auth's own
// packages than the one we run, so npm cannot install the two together.)
import { createHash, randomBytes } from "node:crypto";
import { getPrisma, sql } from "../db/prisma";
import { columnOf } from "../db/column-of";
import { AppError } from "../shared/api-error";
import type { Actor } from "./actor";
import type { ApiKeySummary } from "../shared/api-key-summary";
import { actorSelect } from "./actor";

const PREFIX = "cdt_";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const START_LENGTH = PREFIX.length + 6;
/** lastUsedAt is written at most this often per key, not on every request. */
const TOUCH_EVERY_MS = 60_000;


const hash = (key: string) => createHash("sha256").update(key).digest("hex");
const summarySelect = { id: true, name: true, start: true, createdAt: true, lastUsedAt: true } as const;
const toSummary = (row: { id: string; name: string; start: string; createdAt: Date; lastUsedAt: Date | null }): ApiKeySummary => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
});

/** Creates a key; the returned `key` is the only time anyone sees it. */
export async function createApiKey(userId: string, name: string): Promise<ApiKeySummary & { key: string }> {
  const key = PREFIX + randomBytes(32).toString("base64url");
  const row = await getPrisma().apiKey.create({
    data: { userId, name, start: key.slice(0, START_LENGTH), keyHash: hash(key) },
    select: summarySelect,
  });
  return { ...toSummary(row), key };
}

export async function listApiKeys(userId: string): Promise<ApiKeySummary[]> {
  const rows = await getPrisma().apiKey.findMany({ where: { userId }, select: summarySelect, orderBy: { createdAt: "desc" } });
  return rows.map(toSummary);
}

/** Deletes one of the user's own keys; someone else's is as good as absent. */
export async function deleteApiKey(userId: string, id: string): Promise<void> {
  const { count } = UUID.test(id) ? await getPrisma().apiKey.deleteMany({ where: { id, userId } }) : { count: 0 };
  if (count === 0) throw new AppError("not_found", "No API key with that id");
  owners.clear(); // only hashes are remembered: forget them all, so the deleted key stops working at once here
}

// Every request and stream with a key looks it up, thousands at once after a
// deploy: one plain statement through the driver (lib/db/connection.ts: Query).
const SELECT_KEY_OWNER = `SELECT k.id AS "keyId", k.last_used_at AS "lastUsedAt", ${Object.keys(actorSelect)
  .map((field) => `u.${columnOf(field)} AS "${field}"`)
  .join(", ")} FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.key_hash = $1`;

type KeyOwner = Actor & { keyId: string; lastUsedAt: Date | null };

// A known key's owner is remembered for OWNER_CACHE_MS, and lookups under way
// are shared: a script sends many requests with one key, and after a deploy
// all of a key's streams reconnect at once (1,000 streams with one key were
// 1,000 identical queries; on the embedded database, one after the other).
// Unknown keys are not remembered. A deleted key stops working at once on the
// instance that deleted it, within OWNER_CACHE_MS on the others (sessions
// trust their signed cookie cache for 60 s: auth.ts). On globalThis: the
// bundles of Next's routes each have their own modules, and the key is
// deleted in one (app/api/keys) while streams look it up in another.
const OWNER_CACHE_MS = 10_000;
const cache = globalThis as typeof globalThis & { __conduitKeyOwners?: Map<string, { until: number; owner: Promise<KeyOwner | null> }> };
const owners = (cache.__conduitKeyOwners ??= new Map());

/** The user a presented key belongs to, or null for an unknown key. */
export async function actorForApiKey(key: string, now = Date.now()): Promise<Actor | null> {
  if (!key.startsWith(PREFIX)) return null;
  const keyHash = hash(key);
  let entry = owners.get(keyHash);
  if (!entry || entry.until <= now) {
    if (owners.size >= 10_000) owners.clear(); // bounded; forgetting costs a query per key
    const owner = sql<KeyOwner>(SELECT_KEY_OWNER, [keyHash]).then(([row]) => row ?? null);
    const created = (entry = { until: now + OWNER_CACHE_MS, owner });
    const forget = () => void (owners.get(keyHash) === created && owners.delete(keyHash));
    owner.then((found) => found ?? forget(), forget);
    owners.set(keyHash, entry);
  }
  const found = await entry.owner;
  if (!found) return null;
  const { keyId, lastUsedAt, ...actor } = found;
  if (touchDue(keyId, lastUsedAt)) {
    void getPrisma().apiKey.update({ where: { id: keyId }, data: { lastUsedAt: new Date() } }).catch(() => undefined);
  }
  return actor;
}

// When this process last wrote each key's lastUsedAt. A burst of requests with
// one key (a script's parallel calls, every tab reconnecting after a deploy)
// all read the same old value; without this, each would write it.
const touchedAt = new Map<string, number>();

/** Whether to write a key's lastUsedAt now: at most once per TOUCH_EVERY_MS, by what is stored and what this process wrote. */
export function touchDue(keyId: string, lastUsedAt: Date | null, now = Date.now()): boolean {
  const last = Math.max(lastUsedAt?.getTime() ?? 0, touchedAt.get(keyId) ?? 0);
  if (now - last <= TOUCH_EVERY_MS) return false;
  if (touchedAt.size >= 10_000) touchedAt.clear(); // bounded; forgetting costs at most one more write per key
  touchedAt.set(keyId, now);
  return true;
}
