-- bookify_code_use_rebalance: a limited promo code's uses, recounted and spread over its buckets.
--
-- A code's uses are the holds that carry it and still count (active and unexpired, or confirmed).
-- Like a ticket type's quota (quota-rebalance.sql, which explains the scheme), they are split into
-- 8 buckets (promo_code_use_buckets, caps adding up to max_uses; each hold with the code counts in
-- one, holds.promo_bucket), so concurrent buyers with one code lock one bucket each in
-- bookify_claim_hold instead of queueing on the code's row until the claim before them commits.
--
-- This function is the slow path, for when no bucket has room, and for a code whose max uses was
-- set or changed: it locks all 8 buckets in order, counts the code's uses, and sets each bucket's
-- cap to what it holds plus an even share of the uses left (all 0 while the code is over its
-- limit). Holds counted in no bucket (promo_bucket NULL) count in bucket 0. Then, when a use is
-- left, the given hold (created in this transaction with the code) is put into a bucket with room.
-- Returns false when none is left; the caller refuses, which rolls the whole claim back.
--
-- Callers: bookify_claim_hold (after any ticket-type buckets: types first, then the code), and the
-- trigger on promo_codes.max_uses.
--
-- This file is the function's one source. Edit it here, then `npm run db:migration -- <name>`
-- writes a migration that installs it; tests/integration/migrations.test.ts fails while the
-- function in a migrated database differs from this file.

CREATE OR REPLACE FUNCTION bookify_code_use_rebalance(
  p_promo_code_id uuid,
  p_hold_id uuid DEFAULT NULL, -- a hold created in this transaction with the code, to be put in a bucket
  p_now timestamptz DEFAULT NULL -- NULL: clock_timestamp()
) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  v_now timestamptz := coalesce(p_now, clock_timestamp());
  v_max int;
  v_counts int[] := array_fill(0, ARRAY[8]); -- bucket n at index n + 1
  v_caps int[];
  v_room int := 0;
  v_bucket int := 0;
  r record;
BEGIN
  IF (SELECT count(*) FROM promo_code_use_buckets b WHERE b.promo_code_id = p_promo_code_id) < 8 THEN
    INSERT INTO promo_code_use_buckets (promo_code_id, n, cap)
    SELECT p_promo_code_id, g, 0 FROM generate_series(0, 7) g
    ON CONFLICT DO NOTHING;
  END IF;
  PERFORM 1 FROM promo_code_use_buckets b WHERE b.promo_code_id = p_promo_code_id ORDER BY b.n FOR NO KEY UPDATE;

  -- Read after the locks: a limit changed by a transaction that held them is seen.
  SELECT c.max_uses INTO v_max FROM promo_codes c WHERE c.id = p_promo_code_id;
  IF v_max IS NULL THEN
    RETURN true;
  END IF;
  FOR r IN
    SELECT coalesce(h.promo_bucket, 0) AS n, count(*)::int AS uses FROM holds h
     WHERE h.promo_code_id = p_promo_code_id AND h.id IS DISTINCT FROM p_hold_id
       AND ((h.status = 'ACTIVE' AND h.expires_at > v_now) OR h.status = 'CONFIRMED')
     GROUP BY 1
  LOOP
    v_counts[r.n + 1] := r.uses;
    v_room := v_room - r.uses;
  END LOOP;
  v_room := v_room + v_max;

  v_caps := ARRAY(
    SELECT CASE WHEN v_room < 0 THEN 0 ELSE v_counts[g + 1] + v_room / 8 + CASE WHEN g < v_room % 8 THEN 1 ELSE 0 END END
      FROM generate_series(0, 7) g ORDER BY g);
  UPDATE promo_code_use_buckets b SET cap = v_caps[b.n + 1]
   WHERE b.promo_code_id = p_promo_code_id AND b.cap IS DISTINCT FROM v_caps[b.n + 1];

  IF p_hold_id IS NULL THEN
    RETURN v_room >= 0;
  END IF;
  IF v_room < 1 THEN
    RETURN false;
  END IF;
  WHILE v_counts[v_bucket + 1] >= v_caps[v_bucket + 1] LOOP
    v_bucket := v_bucket + 1;
  END LOOP;
  UPDATE holds h SET promo_bucket = v_bucket WHERE h.id = p_hold_id;
  RETURN true;
END;
$$;
