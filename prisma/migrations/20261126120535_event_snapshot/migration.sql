-- AlterTable
ALTER TABLE "task_events" ADD COLUMN     "snapshot" JSONB;
