-- CreateEnum
CREATE TYPE "TaskSource" AS ENUM ('web', 'api', 'slack');

-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('received', 'analyzing', 'needs_clarification', 'dispatched', 'coding', 'pr_open', 'merged', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "TaskPriority" AS ENUM ('low', 'normal', 'high', 'urgent');

-- CreateEnum
CREATE TYPE "TaskType" AS ENUM ('bug-fix', 'feature', 'refactor', 'test-coverage');

-- CreateEnum
CREATE TYPE "Agent" AS ENUM ('claude-code', 'codex', 'copilot');

-- CreateEnum
CREATE TYPE "PrStatus" AS ENUM ('open', 'draft', 'merged', 'closed');

-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('member', 'admin');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "login" TEXT NOT NULL,
    "name" TEXT,
    "avatar_url" TEXT,
    "role" "UserRole" NOT NULL DEFAULT 'member',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tasks" (
    "id" UUID NOT NULL,
    "source" "TaskSource" NOT NULL DEFAULT 'api',
    "status" "TaskStatus" NOT NULL DEFAULT 'received',
    "description" TEXT NOT NULL,
    "task_type_hint" "TaskType",
    "repo" TEXT NOT NULL,
    "files_hint" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "acceptance_criteria" TEXT,
    "priority" "TaskPriority" NOT NULL DEFAULT 'normal',
    "is_private" BOOLEAN NOT NULL DEFAULT false,
    "llm_analysis" JSONB,
    "llm_summary" TEXT,
    "task_type" "TaskType",
    "recommended_agent" "Agent",
    "agent_override" "Agent",
    "likely_files" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "suggested_criteria" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "clarification_questions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "clarification_answers" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "is_clarified" BOOLEAN NOT NULL DEFAULT false,
    "github_issue_number" INTEGER,
    "github_issue_url" TEXT,
    "github_pr_number" INTEGER,
    "github_pr_url" TEXT,
    "github_pr_status" "PrStatus",
    "github_branch" TEXT,
    "merge_commit_sha" TEXT,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "dispatched_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "error_message" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "tasks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_events" (
    "id" BIGSERIAL NOT NULL,
    "task_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "task_version" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "task_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_login_key" ON "users"("login");

-- CreateIndex
CREATE INDEX "tasks_status_idx" ON "tasks"("status");

-- CreateIndex
CREATE INDEX "tasks_repo_idx" ON "tasks"("repo");

-- CreateIndex
CREATE INDEX "tasks_created_by_id_idx" ON "tasks"("created_by_id");

-- CreateIndex
CREATE INDEX "tasks_created_at_id_idx" ON "tasks"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "tasks_repo_github_issue_number_key" ON "tasks"("repo", "github_issue_number");

-- CreateIndex
CREATE INDEX "task_events_task_id_id_idx" ON "task_events"("task_id", "id");

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_events" ADD CONSTRAINT "task_events_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;
