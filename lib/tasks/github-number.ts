// Issue and pull request numbers as the tasks table holds them (integer).
// GitHub's are positive and far below the limit; a larger one, in a payload or
// in text a webhook reads ("Fixes #99999999999", a branch fix-99999999999),
// names no task, and sent to PostgreSQL it would fail the statement and with
// it the whole delivery, on every retry.
import { z } from "zod";

const MAX_INTEGER = 2_147_483_647;

export const isGithubNumber = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= MAX_INTEGER;

/** In a webhook payload: a number out of this range makes the payload one we do not expect. */
export const githubNumberSchema = z.number().int().min(1).max(MAX_INTEGER);
