-- AlterTable: json keeps the payload's text as is (jsonb rebuilt it on every insert, and it is never queried inside)
ALTER TABLE "webhook_deliveries" ALTER COLUMN "payload" SET DATA TYPE JSON USING "payload"::json;
