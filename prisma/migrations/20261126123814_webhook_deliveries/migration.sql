-- CreateEnum
CREATE TYPE "DeliveryOutcome" AS ENUM ('pending', 'processed', 'ignored', 'failed');

-- AlterTable
ALTER TABLE "tasks" ADD COLUMN     "github_pr_updated_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "action" TEXT,
    "repository" TEXT,
    "payload" JSONB NOT NULL,
    "outcome" "DeliveryOutcome" NOT NULL DEFAULT 'pending',
    "reason" TEXT,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "task_id" UUID,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "webhook_deliveries_outcome_received_at_idx" ON "webhook_deliveries"("outcome", "received_at");
