-- Webhook deliveries find their task by repository and pull request or issue
-- number, matching the repository case-insensitively as GitHub does
-- (lib/tasks/find-task.ts). Neither tasks_repo_idx nor the unique
-- (repo, github_issue_number) index serves lower(repo), so each look-up read
-- the whole table: 20-100 ms per look-up at 100,000 tasks, several per delivery.
-- The Prisma schema cannot express expression indexes, and the Prisma diff leaves them be.
CREATE INDEX "tasks_lower_repo_pr_idx" ON "tasks"(lower("repo"), "github_pr_number");
CREATE INDEX "tasks_lower_repo_issue_idx" ON "tasks"(lower("repo"), "github_issue_number");
