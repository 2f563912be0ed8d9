// Which repositories tasks may target (ALLOWED_REPOS): owner/name or owner/*.
import { getEnv } from "../config/env";
import { AppError } from "../shared/api-error";

export function repoAllowed(repo: string, patterns: string[] | undefined): boolean {
  if (!patterns) return true;
  const [owner] = repo.toLowerCase().split("/");
  return patterns.some((pattern) => {
    const p = pattern.toLowerCase();
    return p === "*" || p === repo.toLowerCase() || (p.endsWith("/*") && p.slice(0, -2) === owner);
  });
}

export function assertRepoAllowed(repo: string): void {
  if (repoAllowed(repo, getEnv().ALLOWED_REPOS)) return;
  throw new AppError("validation_failed", `Tasks cannot target ${repo}`, [
    { path: "repo", message: `${repo} is not among the allowed repositories` },
  ]);
}
