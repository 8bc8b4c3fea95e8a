-- bookify_claim_hold: invariant 1 (no place is ever sold twice) decided by the database in one round trip.
--
-- bookify_claim_hold creates a hold and claims every requested place for it, or changes nothing.
-- A place is claimable when it is unbooked and either unheld or held by a hold whose time has
-- passed (lazy expiry: correctness never waits for a cleanup job). Named seats are claimed with
-- one conditional UPDATE; general-admission units are taken from a random starting unit with
-- FOR UPDATE SKIP LOCKED, so concurrent buyers of one GA section do not queue on the same rows.
-- The caller's previous active hold on the event is released in the same step (one active hold
-- per user per event), and comes back untouched if the new claim fails.
--
-- Returns one row: outcome OK | SEATS_UNAVAILABLE | SOLD_OUT | NOT_ON_SALE, the requested seat ids
-- that could not be claimed, for a short GA section its id and how many units were free, the
-- replaced hold (if any) and the places it freed that the new hold did not take again.
--
-- This file is the function's one source. Edit it here, then `npm run db:migration -- <name>`
-- writes a migration that installs it; tests/integration/migrations.test.ts fails while the
-- function in a migrated database differs from this file.

CREATE OR REPLACE FUNCTION bookify_claim_hold(
  p_hold_id uuid,
  p_user_id uuid,
  p_event_id uuid,
  p_seat_ids uuid[],
  p_ga_section_ids uuid[],
  p_ga_quantities int[],
  p_expires_at timestamptz DEFAULT NULL, -- NULL: now + the event's hold length
  p_waitlist_entry_id uuid DEFAULT NULL
) RETURNS TABLE (outcome text, unavailable uuid[], section_id uuid, available int, released_hold_id uuid, expires_at timestamptz,
                 freed_place_ids uuid[])
LANGUAGE plpgsql AS $$
DECLARE
  v_now timestamptz := clock_timestamp();
  v_claimed uuid[];
  v_count int;
  v_capacity int;
  v_start int;
  v_released uuid;
  v_outcome text := 'OK';
  v_unavailable uuid[] := '{}';
  v_section uuid;
  v_available int;
  v_expires_at timestamptz := p_expires_at;
  v_hold_minutes int;
  v_released_entry uuid;
  v_free int;
  v_own_hold uuid;
  v_freed uuid[] := '{}';
BEGIN
  SELECT e.hold_minutes INTO v_hold_minutes FROM events e
   WHERE e.id = p_event_id AND e.status = 'PUBLISHED' AND e.disabled_at IS NULL AND e.ends_at > v_now;
  IF v_hold_minutes IS NULL THEN
    RETURN QUERY SELECT 'NOT_ON_SALE'::text, v_unavailable, NULL::uuid, NULL::int, NULL::uuid, NULL::timestamptz, v_freed;
    RETURN;
  END IF;
  v_expires_at := coalesce(v_expires_at, v_now + make_interval(mins => v_hold_minutes));

  -- Freed places go to the waitlist before the public: while someone waits for a number of places
  -- that are free, public claims are refused and the places are offered in queue order.
  IF p_waitlist_entry_id IS NULL AND EXISTS (
    SELECT 1 FROM waitlist_entries w WHERE w.event_id = p_event_id AND w.status = 'WAITING'
  ) THEN
    SELECT count(*) INTO v_free FROM places p
     WHERE p.event_id = p_event_id AND p.booking_id IS NULL AND (p.hold_id IS NULL OR p.held_until <= v_now);
    IF EXISTS (SELECT 1 FROM waitlist_entries w WHERE w.event_id = p_event_id AND w.status = 'WAITING' AND w.quantity <= v_free) THEN
      RETURN QUERY SELECT 'SOLD_OUT'::text, v_unavailable, NULL::uuid, 0, NULL::uuid, NULL::timestamptz, v_freed;
      RETURN;
    END IF;
  END IF;

  -- Refuse without writing when a requested place is visibly taken. In a rush most requests are
  -- refusals, and a read-only refusal costs no hold row, no rollback and no WAL flush. This is
  -- only a shortcut: the claim below still decides for everything that passes it.
  SELECT h.id INTO v_own_hold FROM holds h WHERE h.user_id = p_user_id AND h.event_id = p_event_id AND h.status = 'ACTIVE';
  IF cardinality(p_seat_ids) > 0 THEN
    v_unavailable := ARRAY(
      SELECT s.id FROM unnest(p_seat_ids) AS s(id)
        LEFT JOIN places p ON p.id = s.id AND p.event_id = p_event_id
       WHERE p.id IS NULL OR p.booking_id IS NOT NULL
          OR (p.hold_id IS NOT NULL AND p.held_until > v_now AND p.hold_id IS DISTINCT FROM v_own_hold));
    IF cardinality(v_unavailable) > 0 THEN
      v_outcome := CASE WHEN EXISTS (
        SELECT 1 FROM places p WHERE p.event_id = p_event_id AND p.booking_id IS NULL
           AND (p.hold_id IS NULL OR p.held_until <= v_now OR p.hold_id = v_own_hold)
      ) THEN 'SEATS_UNAVAILABLE' ELSE 'SOLD_OUT' END;
      RETURN QUERY SELECT v_outcome, v_unavailable, NULL::uuid, NULL::int, NULL::uuid, NULL::timestamptz, v_freed;
      RETURN;
    END IF;
  END IF;
  FOR i IN 1 .. coalesce(cardinality(p_ga_section_ids), 0) LOOP
    SELECT count(*) INTO v_available FROM (
      SELECT 1 FROM places p
       WHERE p.section_id = p_ga_section_ids[i] AND p.event_id = p_event_id AND p.booking_id IS NULL
         AND (p.hold_id IS NULL OR p.held_until <= v_now OR p.hold_id = v_own_hold)
       LIMIT p_ga_quantities[i]) free;
    IF v_available < p_ga_quantities[i] THEN
      RETURN QUERY SELECT CASE WHEN v_available = 0 THEN 'SOLD_OUT' ELSE 'SEATS_UNAVAILABLE' END,
        '{}'::uuid[], p_ga_section_ids[i], v_available, NULL::uuid, NULL::timestamptz, v_freed;
      RETURN;
    END IF;
  END LOOP;
  v_available := NULL;

  BEGIN -- a sub-transaction: on any refusal below, everything in it is undone
    UPDATE holds h SET status = 'RELEASED', ended_at = v_now
     WHERE h.user_id = p_user_id AND h.event_id = p_event_id AND h.status = 'ACTIVE'
     RETURNING h.id, h.waitlist_entry_id INTO v_released, v_released_entry;
    IF v_released IS NOT NULL THEN
      WITH freed AS (
        UPDATE places p SET hold_id = NULL, held_until = NULL WHERE p.hold_id = v_released RETURNING p.id
      )
      SELECT coalesce(array_agg(freed.id), '{}') INTO v_freed FROM freed;
      -- Replacing a waitlist offer with an ordinary hold declines the offer.
      UPDATE waitlist_entries w SET status = 'LAPSED', updated_at = v_now WHERE w.id = v_released_entry AND w.status = 'OFFERED';
    END IF;

    INSERT INTO holds (id, user_id, event_id, status, expires_at, total_cents, currency, waitlist_entry_id, created_at)
    VALUES (p_hold_id, p_user_id, p_event_id, 'ACTIVE', v_expires_at, 0, 'XXX', p_waitlist_entry_id, v_now);

    IF cardinality(p_seat_ids) > 0 THEN
      WITH claimed AS (
        UPDATE places p SET hold_id = p_hold_id, held_until = v_expires_at
         WHERE p.id = ANY (p_seat_ids) AND p.event_id = p_event_id
           AND p.booking_id IS NULL AND (p.hold_id IS NULL OR p.held_until <= v_now)
        RETURNING p.id
      )
      SELECT coalesce(array_agg(claimed.id), '{}') INTO v_claimed FROM claimed;
      IF cardinality(v_claimed) < cardinality(p_seat_ids) THEN
        v_unavailable := ARRAY(SELECT unnest(p_seat_ids) EXCEPT SELECT unnest(v_claimed));
        v_outcome := 'SEATS_UNAVAILABLE';
        RAISE EXCEPTION USING ERRCODE = 'BK001';
      END IF;
    END IF;

    FOR i IN 1 .. coalesce(cardinality(p_ga_section_ids), 0) LOOP
      v_section := p_ga_section_ids[i];
      SELECT s.capacity INTO v_capacity FROM sections s WHERE s.id = v_section AND s.event_id = p_event_id AND s.kind = 'GA';
      IF v_capacity IS NULL THEN
        v_outcome := 'SEATS_UNAVAILABLE';
        v_available := 0;
        RAISE EXCEPTION USING ERRCODE = 'BK001';
      END IF;
      v_start := 1 + floor(random() * v_capacity)::int;
      -- From the random start to the end of the section, then wrapping round to its beginning.
      WITH picked AS (
        (SELECT p.id FROM places p
          WHERE p.section_id = v_section AND p.number >= v_start
            AND p.booking_id IS NULL AND (p.hold_id IS NULL OR p.held_until <= v_now)
          ORDER BY p.number LIMIT p_ga_quantities[i] FOR UPDATE SKIP LOCKED)
      ), claimed AS (
        UPDATE places p SET hold_id = p_hold_id, held_until = v_expires_at
         WHERE p.id IN (SELECT picked.id FROM picked)
        RETURNING p.id
      )
      SELECT count(*) INTO v_count FROM claimed;
      IF v_count < p_ga_quantities[i] THEN
        WITH picked AS (
          SELECT p.id FROM places p
           WHERE p.section_id = v_section AND p.number < v_start
             AND p.booking_id IS NULL AND (p.hold_id IS NULL OR p.held_until <= v_now)
           ORDER BY p.number LIMIT p_ga_quantities[i] - v_count FOR UPDATE SKIP LOCKED
        ), claimed AS (
          UPDATE places p SET hold_id = p_hold_id, held_until = v_expires_at
           WHERE p.id IN (SELECT picked.id FROM picked)
          RETURNING p.id
        )
        SELECT v_count + count(*) INTO v_count FROM claimed;
      END IF;
      IF v_count < p_ga_quantities[i] THEN
        -- Free units, counting the ones this attempt took (they go back when it is undone);
        -- units locked by a concurrent buyer's unfinished claim were skipped and count as taken.
        SELECT count(*) INTO v_available FROM places p
         WHERE p.section_id = v_section AND p.booking_id IS NULL
           AND (p.hold_id IS NULL OR p.held_until <= v_now OR p.hold_id = p_hold_id);
        v_outcome := CASE WHEN v_available = 0 THEN 'SOLD_OUT' ELSE 'SEATS_UNAVAILABLE' END;
        RAISE EXCEPTION USING ERRCODE = 'BK001';
      END IF;
    END LOOP;
    v_section := NULL;

    INSERT INTO hold_places (hold_id, place_id, price_cents)
    SELECT p_hold_id, p.id, s.price_cents FROM places p JOIN sections s ON s.id = p.section_id WHERE p.hold_id = p_hold_id;

    UPDATE holds h SET total_cents = t.total, currency = t.currency
      FROM (SELECT coalesce(sum(s.price_cents), 0)::int AS total, min(s.currency) AS currency
              FROM places p JOIN sections s ON s.id = p.section_id WHERE p.hold_id = p_hold_id) t
     WHERE h.id = p_hold_id;

    -- What the replaced hold let go of and the new one did not take again: free for everyone now,
    -- so the caller announces it (live seat maps, other instances' refusal memos, the waitlist).
    v_freed := ARRAY(SELECT unnest(v_freed) EXCEPT SELECT p.id FROM places p WHERE p.hold_id = p_hold_id);
  EXCEPTION WHEN SQLSTATE 'BK001' THEN
    -- The sub-transaction is rolled back: no place claimed, the previous hold still active.
    v_released := NULL;
    v_freed := '{}';
    IF v_outcome = 'SEATS_UNAVAILABLE' AND cardinality(v_unavailable) > 0 AND NOT EXISTS (
      SELECT 1 FROM places p WHERE p.event_id = p_event_id AND p.booking_id IS NULL AND (p.hold_id IS NULL OR p.held_until <= v_now)
    ) THEN
      v_outcome := 'SOLD_OUT';
    END IF;
  END;

  RETURN QUERY SELECT v_outcome, v_unavailable, v_section, v_available, v_released, v_expires_at, v_freed;
END;
$$;
