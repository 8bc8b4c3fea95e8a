-- bookify_quota_rebalance: a limited ticket type's quota, recounted and spread over its buckets.
--
-- Why buckets: a quota is a count of places (held unexpired or booked under the type), and a
-- count can only be checked by one claim at a time. With one lock per type, every buyer of a
-- limited type queued on it until the claim before them committed: in a rush that queue held
-- pooled connections and cost the whole sale ~20 % of its decisions per second. So each limited
-- type has 8 rows in ticket_type_quota_buckets, and each live place of the type is counted in one
-- of them (places.quota_bucket). A bucket's cap is its share of the quota; the caps add up to the
-- quota and no bucket holds more places than its cap, so the type never holds more than its quota.
-- bookify_claim_hold locks one bucket with room (FOR NO KEY UPDATE SKIP LOCKED), counts only that
-- bucket's places, and puts the hold's places of the type in it: claims of one type run side by
-- side. Lazy expiry needs nothing: a place whose hold has lapsed simply stops being counted.
--
-- This function is the slow path, for when no single bucket has room (the type is nearly sold out,
-- or the room is split between buckets), for a quota that changed, and for a seat change. It locks
-- all 8 buckets in order (so it waits for, and then excludes, every claim of the type), counts
-- the type's live places, and sets each bucket's cap to what it holds plus an even share of the
-- room left. A type holding more than its quota (lowered below what was sold) gets caps of 0, so
-- every claim comes back here and is refused until enough places lapse or are cancelled. Places
-- counted in no bucket yet (quota_bucket NULL: before buckets existed, or claimed while the type
-- had no quota) count in bucket 0. Then, when the room allows, the given places (claimed in this
-- transaction under the type, not yet in a bucket) are put into buckets with room. Returns false
-- when they do not fit; the caller refuses, which rolls the whole claim back.
--
-- Callers: bookify_claim_hold, the seat change, and the trigger on ticket_types.quota (creating a
-- type with a quota, or changing it). Lock order everywhere: types by id, buckets by number.
--
-- This file is the function's one source. Edit it here, then `npm run db:migration -- <name>`
-- writes a migration that installs it; tests/integration/migrations.test.ts fails while the
-- function in a migrated database differs from this file.

CREATE OR REPLACE FUNCTION bookify_quota_rebalance(
  p_ticket_type_id uuid,
  p_place_ids uuid[] DEFAULT '{}', -- places claimed in this transaction under the type, to be put in buckets
  p_now timestamptz DEFAULT NULL -- NULL: clock_timestamp()
) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  v_now timestamptz := coalesce(p_now, clock_timestamp());
  v_quota int;
  v_counts int[] := array_fill(0, ARRAY[8]); -- bucket n at index n + 1
  v_caps int[];
  v_room int := 0;
  v_bucket int := 0;
  v_place uuid;
  r record;
BEGIN
  IF (SELECT count(*) FROM ticket_type_quota_buckets b WHERE b.ticket_type_id = p_ticket_type_id) < 8 THEN
    INSERT INTO ticket_type_quota_buckets (ticket_type_id, n, cap)
    SELECT p_ticket_type_id, g, 0 FROM generate_series(0, 7) g
    ON CONFLICT DO NOTHING;
  END IF;
  PERFORM 1 FROM ticket_type_quota_buckets b WHERE b.ticket_type_id = p_ticket_type_id ORDER BY b.n FOR NO KEY UPDATE;

  -- Read after the locks: a quota changed by a transaction that held them is seen.
  SELECT tt.quota INTO v_quota FROM ticket_types tt WHERE tt.id = p_ticket_type_id;
  IF v_quota IS NULL THEN
    RETURN true;
  END IF;
  FOR r IN
    SELECT coalesce(p.quota_bucket, 0) AS n, count(*)::int AS taken FROM places p
     WHERE p.ticket_type_id = p_ticket_type_id AND NOT (p.id = ANY (p_place_ids))
       AND (p.booking_id IS NOT NULL OR (p.hold_id IS NOT NULL AND p.held_until > v_now))
     GROUP BY 1
  LOOP
    v_counts[r.n + 1] := r.taken;
    v_room := v_room - r.taken;
  END LOOP;
  v_room := v_room + v_quota;

  v_caps := ARRAY(
    SELECT CASE WHEN v_room < 0 THEN 0 ELSE v_counts[g + 1] + v_room / 8 + CASE WHEN g < v_room % 8 THEN 1 ELSE 0 END END
      FROM generate_series(0, 7) g ORDER BY g);
  UPDATE ticket_type_quota_buckets b SET cap = v_caps[b.n + 1]
   WHERE b.ticket_type_id = p_ticket_type_id AND b.cap IS DISTINCT FROM v_caps[b.n + 1];

  IF v_room < coalesce(cardinality(p_place_ids), 0) THEN
    RETURN false;
  END IF;
  -- Room is at least the number of places, so the walk never runs past bucket 7.
  FOREACH v_place IN ARRAY coalesce(p_place_ids, '{}') LOOP
    WHILE v_counts[v_bucket + 1] >= v_caps[v_bucket + 1] LOOP
      v_bucket := v_bucket + 1;
    END LOOP;
    UPDATE places p SET quota_bucket = v_bucket WHERE p.id = v_place;
    v_counts[v_bucket + 1] := v_counts[v_bucket + 1] + 1;
  END LOOP;
  RETURN true;
END;
$$;
