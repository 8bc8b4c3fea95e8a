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
-- Every place is claimed under a ticket type (the one asked for, else the section's default: its
-- first visible type by sort order). In the same call, all or nothing: the type belongs to the
-- place's section and is visible (or unlocked by the promo code), its sales window is open, the
-- hold has at most max_per_order places of it, and its quota (places held unexpired or booked
-- under it) is not exceeded; a promo code exists, is valid now, applies, and has uses left. A
-- quota and a code's uses are each counted in one of 8 buckets, under that bucket's row lock
-- (FOR NO KEY UPDATE SKIP LOCKED, see quota-rebalance.sql and code-use-rebalance.sql), so
-- concurrent claims of one limited type or code mostly run side by side instead of taking turns.
-- A hold whose time has passed no longer counts (lazy expiry gives its quota and its code use back).
--
-- Returns one row: outcome OK | SEATS_UNAVAILABLE | SOLD_OUT | NOT_ON_SALE | TYPE_UNAVAILABLE |
-- PROMO_INVALID, the requested seat ids that could not be claimed, for a short GA section its id
-- and how many units were free, the replaced hold (if any) and the places it freed that the new
-- hold did not take again, and for a refused type or code the reason (and the type).
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
  p_waitlist_entry_id uuid DEFAULT NULL,
  p_seat_type_ids uuid[] DEFAULT NULL, -- parallel to p_seat_ids; NULL entries: the section's default type
  p_ga_type_ids uuid[] DEFAULT NULL, -- parallel to p_ga_section_ids; a section may appear once per type
  p_promo_code text DEFAULT NULL
) RETURNS TABLE (outcome text, unavailable uuid[], section_id uuid, available int, released_hold_id uuid, expires_at timestamptz,
                 freed_place_ids uuid[], reason text, ticket_type_id uuid)
LANGUAGE plpgsql
-- Every statement here runs on its generic plan, made once per connection. Left to choose, the
-- plan cache re-planned the statements that unnest the request's arrays on every call (a custom
-- plan knows each array's length, so it always looked cheaper): ~0.5 ms of planning per claim for
-- the type check alone, more than running it. The statements are written so their generic plans
-- are index lookups (places and types by primary key, GA units by section and number).
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
  v_now timestamptz := clock_timestamp();
  v_claimed uuid[];
  v_count int;
  -- Every place this claim takes and its type, in step: priced, counted for quotas and told apart
  -- from a replaced hold's places from these arrays, without reading the places back.
  v_ids uuid[] := '{}';
  v_types uuid[] := '{}';
  -- Per ticket type of the request (each type is of one section, so one entry each on success):
  -- its unit price and the code's discount on it, and the hold's totals, all from the type check.
  v_line_types uuid[];
  v_line_prices int[];
  v_line_discounts int[];
  v_total int;
  v_discount int;
  v_currency text;
  v_applies boolean;
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
  v_seat_types uuid[] := '{}';
  v_ga_types uuid[] := '{}';
  v_reason text;
  v_type uuid;
  -- The promo code's columns one by one: a %ROWTYPE would tie this file to the table existing.
  v_promo_id uuid;
  v_promo_kind text;
  v_promo_value int;
  v_promo_max int;
  v_promo_types uuid[];
  v_promo_from timestamptz;
  v_promo_to timestamptz;
  v_need int;
  v_type_places uuid[];
  v_tried int[];
  v_bucket int;
  v_cap int;
  v_offset int;
BEGIN
  SELECT e.hold_minutes INTO v_hold_minutes FROM events e
   WHERE e.id = p_event_id AND e.status = 'PUBLISHED' AND e.disabled_at IS NULL AND e.ends_at > v_now;
  IF v_hold_minutes IS NULL THEN
    RETURN QUERY SELECT 'NOT_ON_SALE'::text, v_unavailable, NULL::uuid, NULL::int, NULL::uuid, NULL::timestamptz, v_freed, NULL::text, NULL::uuid;
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
      RETURN QUERY SELECT 'SOLD_OUT'::text, v_unavailable, NULL::uuid, 0, NULL::uuid, NULL::timestamptz, v_freed, NULL::text, NULL::uuid;
      RETURN;
    END IF;
  END IF;

  -- Refuse without writing when a requested place is visibly taken. In a rush most requests are
  -- refusals, and a read-only refusal costs no hold row, no rollback and no WAL flush. This is
  -- only a shortcut: the claim below still decides for everything that passes it.
  SELECT h.id INTO v_own_hold FROM holds h WHERE h.user_id = p_user_id AND h.event_id = p_event_id AND h.status = 'ACTIVE';
  IF cardinality(p_seat_ids) > 0 THEN
    -- Each seat by primary key (a scalar subquery, so the generic plan cannot turn it into a scan
    -- of the event's places): not this event's, booked, or held by someone else until later.
    v_unavailable := ARRAY(
      SELECT s.id FROM unnest(p_seat_ids) AS s(id)
       WHERE coalesce((SELECT (p.booking_id IS NOT NULL
                               OR (p.hold_id IS NOT NULL AND p.held_until > v_now AND p.hold_id IS DISTINCT FROM v_own_hold)) IS TRUE
                         FROM places p WHERE p.id = s.id AND p.event_id = p_event_id), true));
    IF cardinality(v_unavailable) > 0 THEN
      v_outcome := CASE WHEN EXISTS (
        SELECT 1 FROM places p WHERE p.event_id = p_event_id AND p.booking_id IS NULL
           AND (p.hold_id IS NULL OR p.held_until <= v_now OR p.hold_id = v_own_hold)
      ) THEN 'SEATS_UNAVAILABLE' ELSE 'SOLD_OUT' END;
      RETURN QUERY SELECT v_outcome, v_unavailable, NULL::uuid, NULL::int, NULL::uuid, NULL::timestamptz, v_freed, NULL::text, NULL::uuid;
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
        '{}'::uuid[], p_ga_section_ids[i], v_available, NULL::uuid, NULL::timestamptz, v_freed, NULL::text, NULL::uuid;
      RETURN;
    END IF;
  END LOOP;
  v_available := NULL;

  -- The promo code, case-insensitive; its window now. Uses are counted under its lock below.
  IF p_promo_code IS NOT NULL THEN
    SELECT c.id, c.kind::text, c.value, c.max_uses, c.ticket_type_ids, c.valid_from, c.valid_to
      INTO v_promo_id, v_promo_kind, v_promo_value, v_promo_max, v_promo_types, v_promo_from, v_promo_to
      FROM promo_codes c
     WHERE c.event_id = p_event_id AND c.code_key = lower(p_promo_code) AND c.deleted_at IS NULL;
    v_reason := CASE WHEN v_promo_id IS NULL THEN 'unknown'
                     WHEN v_promo_from > v_now OR v_promo_to <= v_now THEN 'expired' END;
    IF v_reason IS NOT NULL THEN
      RETURN QUERY SELECT 'PROMO_INVALID'::text, v_unavailable, NULL::uuid, NULL::int, NULL::uuid, NULL::timestamptz, v_freed, v_reason, NULL::uuid;
      RETURN;
    END IF;
  END IF;

  -- Each seat's and GA line's type: the one asked for, else the section's default. Places are
  -- looked up one by one by primary key (scalar subqueries): a join with the unnested ids lets the
  -- cached generic plan pick a scan of the event's places, which cost a grant ~2 ms in the bench.
  v_seat_types := ARRAY(
    SELECT coalesce(r.type_id, (SELECT tt.id FROM ticket_types tt
                                 WHERE tt.section_id = (SELECT p.section_id FROM places p WHERE p.id = r.seat_id) AND NOT tt.hidden
                                 ORDER BY tt.sort_order, tt.id LIMIT 1))
      FROM unnest(p_seat_ids, coalesce(p_seat_type_ids, '{}')) WITH ORDINALITY AS r(seat_id, type_id, ord)
     WHERE r.seat_id IS NOT NULL
     ORDER BY r.ord);
  v_ga_types := ARRAY(
    SELECT coalesce(g.type_id, (SELECT tt.id FROM ticket_types tt WHERE tt.section_id = g.section_id AND NOT tt.hidden
                                 ORDER BY tt.sort_order, tt.id LIMIT 1))
      FROM unnest(coalesce(p_ga_section_ids, '{}'), coalesce(p_ga_type_ids, '{}')) WITH ORDINALITY AS g(section_id, type_id, ord)
     WHERE g.section_id IS NOT NULL
     ORDER BY g.ord);

  -- Every type: of the place's section and visible (hidden ones only with a code that unlocks
  -- them), on sale now, and within max_per_order. The first one that is not names the reason. The
  -- same statement prices each type (its price, less the code's discount where it applies: a
  -- percentage rounded to the nearest minor unit, a fixed amount off each place, never below
  -- zero) and totals the hold, so the hold is written once, with its totals, and nothing is
  -- read again to price it. A refusal below undoes the hold with the rest of the sub-transaction.
  SELECT t.type_id, t.why, t.line_types, t.line_prices, t.line_discounts, t.total, t.discount, t.currency, t.applies
    INTO v_type, v_reason, v_line_types, v_line_prices, v_line_discounts, v_total, v_discount, v_currency, v_applies
    FROM (
      SELECT l.type_id, CASE
               WHEN tt.id IS NULL OR tt.section_id <> l.section_id OR tt.event_id <> p_event_id
                 OR (tt.hidden AND NOT coalesce(v_promo_kind = 'UNLOCK' AND (cardinality(v_promo_types) = 0 OR tt.id = ANY (v_promo_types)), false))
                 THEN 'unknown'
               WHEN tt.sales_start > v_now THEN 'not_on_sale_yet'
               WHEN tt.sales_end <= v_now THEN 'sales_ended'
               WHEN l.qty > tt.max_per_order THEN 'max_per_order'
             END AS why,
             array_agg(l.type_id) OVER () AS line_types,
             array_agg(tt.price_cents) OVER () AS line_prices,
             array_agg(d.discount) OVER () AS line_discounts,
             sum(l.qty * (tt.price_cents - d.discount)) OVER () AS total,
             sum(l.qty * d.discount) OVER () AS discount,
             min(sec.currency) OVER () AS currency,
             -- A code applies to some of the hold's types (a discount to those in its list, an
             -- unlock to the hidden types it reveals); one that applies to none is refused below.
             bool_or((cardinality(v_promo_types) = 0 OR tt.id = ANY (v_promo_types)) AND (v_promo_kind <> 'UNLOCK' OR tt.hidden)) OVER () AS applies
        FROM (SELECT x.section_id, x.type_id, sum(x.qty)::int AS qty FROM (
                SELECT (SELECT p.section_id FROM places p WHERE p.id = s.seat_id) AS section_id, s.type_id, 1 AS qty
                  FROM unnest(p_seat_ids, v_seat_types) AS s(seat_id, type_id)
                UNION ALL
                SELECT g.section_id, g.type_id, g.qty
                  FROM unnest(coalesce(p_ga_section_ids, '{}'), coalesce(p_ga_quantities, '{}'), v_ga_types) AS g(section_id, qty, type_id)
              ) x GROUP BY x.section_id, x.type_id) l
        LEFT JOIN ticket_types tt ON tt.id = l.type_id
        LEFT JOIN sections sec ON sec.id = tt.section_id
       CROSS JOIN LATERAL (SELECT CASE
               WHEN v_promo_id IS NULL OR NOT (cardinality(v_promo_types) = 0 OR tt.id = ANY (v_promo_types)) THEN 0
               WHEN v_promo_kind = 'PERCENT' THEN (tt.price_cents * v_promo_value + 50) / 100
               WHEN v_promo_kind = 'AMOUNT' THEN least(v_promo_value, tt.price_cents)
               ELSE 0 END AS discount) d
    ) t
   ORDER BY t.why NULLS LAST
   LIMIT 1;
  IF v_reason IS NOT NULL THEN
    RETURN QUERY SELECT 'TYPE_UNAVAILABLE'::text, v_unavailable, NULL::uuid, NULL::int, NULL::uuid, NULL::timestamptz, v_freed, v_reason, v_type;
    RETURN;
  END IF;
  v_type := NULL;

  IF v_promo_id IS NOT NULL AND NOT coalesce(v_applies, false) THEN
    RETURN QUERY SELECT 'PROMO_INVALID'::text, v_unavailable, NULL::uuid, NULL::int, NULL::uuid, NULL::timestamptz, v_freed, 'not_applicable'::text, NULL::uuid;
    RETURN;
  END IF;

  -- No read-only shortcut for a full ticket type or a used-up code, unlike taken places above:
  -- counting all of a type's places or a code's holds cost every request for them ~0.1–0.5 ms in a
  -- rush, more than the few claims it spared (the process's refusal memo answers repeat requests,
  -- and a claim counts only one bucket's share, by index).

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

    -- The bucket this claim tries first for each limited type and for a limited code (see below),
    -- written with the hold and its places: when that bucket has room, as it mostly has, they need
    -- no second write.
    v_offset := floor(random() * 8)::int;

    INSERT INTO holds (id, user_id, event_id, status, expires_at, total_cents, discount_cents, currency, waitlist_entry_id, promo_code_id, promo_bucket, created_at)
    VALUES (p_hold_id, p_user_id, p_event_id, 'ACTIVE', v_expires_at, coalesce(v_total, 0), coalesce(v_discount, 0), coalesce(v_currency, 'XXX'),
            p_waitlist_entry_id, v_promo_id, v_offset, v_now);

    IF cardinality(p_seat_ids) > 0 THEN
      WITH claimed AS (
        UPDATE places p SET hold_id = p_hold_id, held_until = v_expires_at,
               ticket_type_id = v_seat_types[array_position(p_seat_ids, p.id)], quota_bucket = v_offset
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
      -- Every seat asked for was taken (a duplicate or a missing one would have fallen short), so the
      -- request's seats and their types, parallel arrays, are exactly what was claimed.
      v_ids := p_seat_ids;
      v_types := v_seat_types;
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
        UPDATE places p SET hold_id = p_hold_id, held_until = v_expires_at, ticket_type_id = v_ga_types[i], quota_bucket = v_offset
         WHERE p.id = ANY (ARRAY(SELECT picked.id FROM picked))
        RETURNING p.id
      )
      SELECT coalesce(array_agg(claimed.id), '{}') INTO v_claimed FROM claimed;
      v_count := cardinality(v_claimed);
      IF v_count < p_ga_quantities[i] THEN
        WITH picked AS (
          SELECT p.id FROM places p
           WHERE p.section_id = v_section AND p.number < v_start
             AND p.booking_id IS NULL AND (p.hold_id IS NULL OR p.held_until <= v_now)
           ORDER BY p.number LIMIT p_ga_quantities[i] - v_count FOR UPDATE SKIP LOCKED
        ), claimed AS (
          UPDATE places p SET hold_id = p_hold_id, held_until = v_expires_at, ticket_type_id = v_ga_types[i], quota_bucket = v_offset
           WHERE p.id = ANY (ARRAY(SELECT picked.id FROM picked))
          RETURNING p.id
        )
        SELECT v_claimed || coalesce(array_agg(claimed.id), '{}') INTO v_claimed FROM claimed;
        v_count := cardinality(v_claimed);
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
      v_ids := v_ids || v_claimed;
      v_types := v_types || array_fill(v_ga_types[i], ARRAY[v_count]);
    END LOOP;
    v_section := NULL;

    -- Each place at its type's price and discount, as priced above.
    INSERT INTO hold_places (hold_id, place_id, ticket_type_id, unit_price_cents, discount_cents, price_cents)
    SELECT p_hold_id, c.place_id, c.type_id, l.price, l.discount, l.price - l.discount
      FROM unnest(v_ids, v_types) AS c(place_id, type_id)
      JOIN unnest(v_line_types, v_line_prices, v_line_discounts) AS l(type_id, price, discount) ON l.type_id = c.type_id;

    -- What the replaced hold let go of and the new one did not take again: free for everyone now,
    -- so the caller announces it (live seat maps, other instances' refusal memos, the waitlist).
    v_freed := ARRAY(SELECT unnest(v_freed) EXCEPT SELECT unnest(v_ids));

    -- Quotas of the limited types this hold takes (types in id order, as everywhere): each type's
    -- places go into one of its 8 quota buckets that has room for all of them (see
    -- quota-rebalance.sql). A bucket is tried under its own row lock, skipping buckets another
    -- claim has locked; one without room is let go at once (its sub-transaction is undone), so a
    -- claim never waits holding a bucket. When none has room, bookify_quota_rebalance waits for
    -- all of them, counts the whole type and spreads what is left, or refuses.
    FOR v_type, v_need, v_type_places IN
      SELECT tt.id, count(*)::int, array_agg(c.place_id ORDER BY c.place_id) FROM unnest(v_ids, v_types) AS c(place_id, type_id)
        JOIN ticket_types tt ON tt.id = c.type_id
       WHERE tt.quota IS NOT NULL
       GROUP BY tt.id ORDER BY tt.id
    LOOP
      v_tried := '{}';
      v_bucket := NULL;
      LOOP
        BEGIN
          SELECT b.n, b.cap INTO v_bucket, v_cap FROM ticket_type_quota_buckets b
           WHERE b.ticket_type_id = v_type AND b.cap >= v_need AND NOT (b.n = ANY (v_tried))
           ORDER BY (b.n - v_offset + 8) % 8 LIMIT 1
             FOR NO KEY UPDATE SKIP LOCKED;
          IF NOT FOUND THEN
            v_bucket := NULL;
            EXIT;
          END IF;
          -- Two counts, each an index range of (ticket_type_id, quota_bucket): one predicate with
          -- "OR quota_bucket IS NULL" left only the type to the index, so every try counted all
          -- of the type's places (~120 buffer reads per try at a quota of 400, against ~15).
          IF (v_cap < v_need + (SELECT count(*) FROM places p
                                WHERE p.ticket_type_id = v_type AND p.quota_bucket = v_bucket
                                  AND p.hold_id IS DISTINCT FROM p_hold_id
                                  AND (p.booking_id IS NOT NULL OR (p.hold_id IS NOT NULL AND p.held_until > v_now)))
                            + CASE WHEN v_bucket = 0 THEN (SELECT count(*) FROM places p
                                WHERE p.ticket_type_id = v_type AND p.quota_bucket IS NULL
                                  AND p.hold_id IS DISTINCT FROM p_hold_id
                                  AND (p.booking_id IS NOT NULL OR (p.hold_id IS NOT NULL AND p.held_until > v_now))) ELSE 0 END) THEN
            RAISE EXCEPTION USING ERRCODE = 'BK002';
          END IF;
          IF v_bucket <> v_offset THEN
            UPDATE places p SET quota_bucket = v_bucket WHERE p.id = ANY (v_type_places);
          END IF;
          EXIT;
        EXCEPTION WHEN SQLSTATE 'BK002' THEN
          v_tried := v_tried || v_bucket;
          v_bucket := NULL;
        END;
      END LOOP;
      IF v_bucket IS NULL AND NOT bookify_quota_rebalance(v_type, v_type_places, v_now) THEN
        v_outcome := 'TYPE_UNAVAILABLE';
        v_reason := 'quota';
        RAISE EXCEPTION USING ERRCODE = 'BK001';
      END IF;
    END LOOP;
    v_type := NULL;

    -- The code's uses, the same way: this hold goes into one of the code's 8 use buckets that has
    -- room (see code-use-rebalance.sql), else bookify_code_use_rebalance counts all of them or refuses.
    IF v_promo_id IS NOT NULL AND v_promo_max IS NOT NULL THEN
      v_tried := '{}';
      v_bucket := NULL;
      LOOP
        BEGIN
          SELECT b.n, b.cap INTO v_bucket, v_cap FROM promo_code_use_buckets b
           WHERE b.promo_code_id = v_promo_id AND b.cap >= 1 AND NOT (b.n = ANY (v_tried))
           ORDER BY (b.n - v_offset + 8) % 8 LIMIT 1
             FOR NO KEY UPDATE SKIP LOCKED;
          IF NOT FOUND THEN
            v_bucket := NULL;
            EXIT;
          END IF;
          IF (v_cap < 1 + (SELECT count(*) FROM holds h
                           WHERE h.promo_code_id = v_promo_id AND h.promo_bucket = v_bucket AND h.id <> p_hold_id
                             AND ((h.status = 'ACTIVE' AND h.expires_at > v_now) OR h.status = 'CONFIRMED'))
                       + CASE WHEN v_bucket = 0 THEN (SELECT count(*) FROM holds h
                           WHERE h.promo_code_id = v_promo_id AND h.promo_bucket IS NULL AND h.id <> p_hold_id
                             AND ((h.status = 'ACTIVE' AND h.expires_at > v_now) OR h.status = 'CONFIRMED')) ELSE 0 END) THEN
            RAISE EXCEPTION USING ERRCODE = 'BK002';
          END IF;
          IF v_bucket <> v_offset THEN
            UPDATE holds h SET promo_bucket = v_bucket WHERE h.id = p_hold_id;
          END IF;
          EXIT;
        EXCEPTION WHEN SQLSTATE 'BK002' THEN
          v_tried := v_tried || v_bucket;
          v_bucket := NULL;
        END;
      END LOOP;
      IF v_bucket IS NULL AND NOT bookify_code_use_rebalance(v_promo_id, p_hold_id, v_now) THEN
        v_outcome := 'PROMO_INVALID';
        v_reason := 'used_up';
        RAISE EXCEPTION USING ERRCODE = 'BK001';
      END IF;
    END IF;
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

  RETURN QUERY SELECT v_outcome, v_unavailable, v_section, v_available, v_released, v_expires_at, v_freed, v_reason, v_type;
END;
$$;
