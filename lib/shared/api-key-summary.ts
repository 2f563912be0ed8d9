/** An API key as its owner sees it after creation: never the key itself. */
export type ApiKeySummary = { id: string; name: string; start: string; createdAt: string; lastUsedAt: string | null };
