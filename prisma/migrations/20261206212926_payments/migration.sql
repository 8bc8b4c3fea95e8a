-- CreateEnum
CREATE TYPE "RefundPolicyKind" AS ENUM ('NONE', 'UNTIL_HOURS_BEFORE');

-- CreateEnum
CREATE TYPE "RefundReason" AS ENUM ('BOOKING_CANCELLED', 'ORGANISER', 'EVENT_CANCELLED', 'PLACES_LOST', 'PROVIDER');

-- CreateEnum
CREATE TYPE "RefundStatus" AS ENUM ('PENDING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "InvoiceKind" AS ENUM ('INVOICE', 'CREDIT_NOTE');

-- AlterTable
ALTER TABLE "bookings" ADD COLUMN     "cancel_reason" TEXT,
ADD COLUMN     "checkout_url" TEXT,
ADD COLUMN     "paid_at" TIMESTAMPTZ(3),
ADD COLUMN     "paid_cents" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "payment_deadline" TIMESTAMPTZ(3),
ADD COLUMN     "payment_session_id" TEXT,
ADD COLUMN     "refunded_cents" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "events" ADD COLUMN     "payment_methods" TEXT[] DEFAULT ARRAY['card', 'venue']::TEXT[],
ADD COLUMN     "refund_hours" INTEGER DEFAULT 24,
ADD COLUMN     "refund_policy" "RefundPolicyKind" NOT NULL DEFAULT 'UNTIL_HOURS_BEFORE',
ADD COLUMN     "seller_details" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "tax_rate_bp" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "refunds" (
    "id" UUID NOT NULL,
    "booking_id" UUID NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "reason" "RefundReason" NOT NULL,
    "note" TEXT,
    "status" "RefundStatus" NOT NULL DEFAULT 'PENDING',
    "provider_refund_id" TEXT,
    "failure_reason" TEXT,
    "requested_by_id" UUID,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "refunds_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_events" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "payment_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invoice_counters" (
    "organiser_id" UUID NOT NULL,
    "kind" "InvoiceKind" NOT NULL,
    "last_number" INTEGER NOT NULL,

    CONSTRAINT "invoice_counters_pkey" PRIMARY KEY ("organiser_id","kind")
);

-- CreateTable
CREATE TABLE "invoices" (
    "id" UUID NOT NULL,
    "organiser_id" UUID NOT NULL,
    "kind" "InvoiceKind" NOT NULL,
    "number" INTEGER NOT NULL,
    "booking_id" UUID NOT NULL,
    "refund_id" UUID,
    "currency" CHAR(3) NOT NULL,
    "total_cents" INTEGER NOT NULL,
    "tax_cents" INTEGER NOT NULL,
    "tax_rate_bp" INTEGER NOT NULL,
    "seller" JSONB NOT NULL,
    "buyer" JSONB NOT NULL,
    "lines" JSONB NOT NULL,
    "issued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invoices_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "refunds_provider_refund_id_key" ON "refunds"("provider_refund_id");

-- CreateIndex
CREATE INDEX "refunds_booking_id_idx" ON "refunds"("booking_id");

-- CreateIndex
CREATE INDEX "refunds_status_created_at_idx" ON "refunds"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "refunds_one_cancellation_refund_per_booking" ON "refunds"("booking_id") WHERE (reason = 'BOOKING_CANCELLED' OR reason = 'EVENT_CANCELLED' OR reason = 'PLACES_LOST');

-- CreateIndex
CREATE UNIQUE INDEX "invoices_refund_id_key" ON "invoices"("refund_id");

-- CreateIndex
CREATE INDEX "invoices_organiser_id_issued_at_idx" ON "invoices"("organiser_id", "issued_at");

-- CreateIndex
CREATE UNIQUE INDEX "invoices_organiser_id_kind_number_key" ON "invoices"("organiser_id", "kind", "number");

-- CreateIndex
CREATE UNIQUE INDEX "invoices_one_invoice_per_booking" ON "invoices"("booking_id") WHERE (kind = 'INVOICE');

-- CreateIndex
CREATE UNIQUE INDEX "bookings_payment_session_id_key" ON "bookings"("payment_session_id");

-- CreateIndex
CREATE INDEX "bookings_payment_ref_idx" ON "bookings"("payment_ref");

-- CreateIndex
CREATE INDEX "bookings_pending_payment_deadline" ON "bookings"("payment_deadline") WHERE (status = 'PENDING_PAYMENT');

-- AddForeignKey
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_booking_id_fkey" FOREIGN KEY ("booking_id") REFERENCES "bookings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_booking_id_fkey" FOREIGN KEY ("booking_id") REFERENCES "bookings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_refund_id_fkey" FOREIGN KEY ("refund_id") REFERENCES "refunds"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ───────────── hand-written: invariants Prisma cannot express (see prisma/README.md) ─────────────
ALTER TABLE "events"
  ADD CONSTRAINT "events_payment_methods_known" CHECK (payment_methods IS NOT NULL AND cardinality(payment_methods) >= 1 AND payment_methods <@ ARRAY['card', 'venue']::text[]),
  ADD CONSTRAINT "events_tax_rate_range" CHECK (tax_rate_bp BETWEEN 0 AND 10000),
  ADD CONSTRAINT "events_refund_hours_range" CHECK (refund_hours IS NULL OR refund_hours BETWEEN 0 AND 8760);

-- Money taken and given back: never negative, never more given back than taken.
ALTER TABLE "bookings"
  ADD CONSTRAINT "bookings_paid_not_negative" CHECK (paid_cents >= 0),
  ADD CONSTRAINT "bookings_refunded_within_paid" CHECK (refunded_cents >= 0 AND refunded_cents <= paid_cents);

ALTER TABLE "refunds" ADD CONSTRAINT "refunds_amount_positive" CHECK (amount_cents > 0);
ALTER TABLE "invoices"
  ADD CONSTRAINT "invoices_number_positive" CHECK (number > 0),
  ADD CONSTRAINT "invoices_amounts_not_negative" CHECK (total_cents >= 0 AND tax_cents >= 0 AND tax_cents <= total_cents);
ALTER TABLE "invoice_counters" ADD CONSTRAINT "invoice_counters_positive" CHECK (last_number > 0);
