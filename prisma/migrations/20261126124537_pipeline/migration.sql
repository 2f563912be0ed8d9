-- AlterTable
ALTER TABLE "tasks" ADD COLUMN     "dispatch_draft" JSONB,
ADD COLUMN     "failed_step" TEXT;

-- CreateTable
CREATE TABLE "task_claims" (
    "task_id" UUID NOT NULL,
    "owner" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "task_claims_pkey" PRIMARY KEY ("task_id")
);

-- AddForeignKey
ALTER TABLE "task_claims" ADD CONSTRAINT "task_claims_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;
