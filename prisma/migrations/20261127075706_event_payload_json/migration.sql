-- AlterTable: json keeps each event's payload and snapshot as the text written, so every read (a replay reads
-- thousands) copies it out, where jsonb rebuilt the text on every read. They are never queried inside but for ->>.
-- (No semicolon in these comments: the PostgreSQL adapter splits migration scripts on every one.)
ALTER TABLE "task_events" ALTER COLUMN "payload" SET DATA TYPE JSON USING "payload"::json,
ALTER COLUMN "snapshot" SET DATA TYPE JSON USING "snapshot"::json;
