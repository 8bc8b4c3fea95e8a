-- CreateEnum
CREATE TYPE "ScanOutcome" AS ENUM ('ADMITTED', 'ALREADY_CHECKED_IN', 'UNKNOWN_TICKET', 'CONFLICT');

-- AlterTable
ALTER TABLE "sections" ADD COLUMN     "entrance" TEXT;

-- CreateTable
CREATE TABLE "check_in_scans" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "ticket_id" UUID,
    "code" TEXT NOT NULL,
    "staff_id" UUID NOT NULL,
    "device_id" TEXT,
    "scanned_at" TIMESTAMPTZ(3) NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" "ScanOutcome" NOT NULL,

    CONSTRAINT "check_in_scans_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "check_in_scans_event_id_scanned_at_idx" ON "check_in_scans"("event_id", "scanned_at");

-- CreateIndex
CREATE INDEX "check_in_scans_ticket_id_idx" ON "check_in_scans"("ticket_id");

-- CreateIndex
CREATE UNIQUE INDEX "check_in_scans_device_id_code_scanned_at_key" ON "check_in_scans"("device_id", "code", "scanned_at");

-- CreateIndex
CREATE INDEX "places_section_id_number_idx" ON "places"("section_id", "number");

-- AddForeignKey
ALTER TABLE "check_in_scans" ADD CONSTRAINT "check_in_scans_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "check_in_scans" ADD CONSTRAINT "check_in_scans_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "check_in_scans" ADD CONSTRAINT "check_in_scans_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;
