-- CreateTable
CREATE TABLE "waiting_rooms" (
    "event_id" UUID NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "high_demand" BOOLEAN NOT NULL DEFAULT false,
    "opens_at" TIMESTAMPTZ(3) NOT NULL,
    "sales_start_at" TIMESTAMPTZ(3) NOT NULL,
    "admit_per_minute" INTEGER,
    "seed" TEXT NOT NULL,
    "commitment" TEXT NOT NULL,
    "drawn_at" TIMESTAMPTZ(3),
    "prequeue_size" INTEGER,
    "admitted_through" INTEGER NOT NULL DEFAULT 0,
    "closed_at" TIMESTAMPTZ(3),
    "closed_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "waiting_rooms_pkey" PRIMARY KEY ("event_id")
);

-- CreateTable
CREATE TABLE "queue_entries" (
    "seq" BIGSERIAL NOT NULL,
    "event_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "entry_hash" TEXT NOT NULL,
    "prequeue" BOOLEAN NOT NULL,
    "position" INTEGER,
    "joined_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "admitted_at" TIMESTAMPTZ(3),

    CONSTRAINT "queue_entries_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "queue_entries_event_id_user_id_key" ON "queue_entries"("event_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "queue_entries_event_id_position_key" ON "queue_entries"("event_id", "position");

-- AddForeignKey
ALTER TABLE "waiting_rooms" ADD CONSTRAINT "waiting_rooms_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_entries" ADD CONSTRAINT "queue_entries_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_entries" ADD CONSTRAINT "queue_entries_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ───────────── checks Prisma cannot express ─────────────
-- The room opens no later than the sale starts; a fixed rate is a positive whole number per minute.
ALTER TABLE "waiting_rooms" ADD CONSTRAINT "waiting_rooms_opens_before_sale" CHECK ("opens_at" <= "sales_start_at");
ALTER TABLE "waiting_rooms" ADD CONSTRAINT "waiting_rooms_rate_positive" CHECK ("admit_per_minute" IS NULL OR "admit_per_minute" > 0);
ALTER TABLE "waiting_rooms" ADD CONSTRAINT "waiting_rooms_commitment_hex" CHECK ("commitment" ~ '^[0-9a-f]{64}$' AND "seed" ~ '^[0-9a-f]{64}$');
ALTER TABLE "queue_entries" ADD CONSTRAINT "queue_entries_position_positive" CHECK ("position" IS NULL OR "position" > 0);
