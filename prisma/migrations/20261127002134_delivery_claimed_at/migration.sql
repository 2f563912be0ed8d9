-- AlterTable
ALTER TABLE "webhook_deliveries" ADD COLUMN     "claimed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
