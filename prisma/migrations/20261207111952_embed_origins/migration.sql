-- CreateTable
CREATE TABLE "embed_origins" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "origin" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "embed_origins_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "embed_origins_user_id_origin_key" ON "embed_origins"("user_id", "origin");

-- AddForeignKey
ALTER TABLE "embed_origins" ADD CONSTRAINT "embed_origins_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
