// GET /api/events/:id/dashboard: how the sale is going — tickets sold over time (hourly while the
// sale is young, daily after), by section, holds turned into bookings, the waitlist, and check-in
// progress. A handful of aggregate queries, whatever the size of the event. Revenue is money taken,
// net of refunds; what pay-at-venue bookings still owe is reported apart as due.
import { sql, type Db } from '../../db/client.ts'
import type { DashboardDto } from '../../../shared/types/organising.ts'
import { requireEventRole, ROLES, type EventCaller } from './event-roles.ts'

const HOURLY_UP_TO_MS = 3 * 86_400_000

/**
 * What each valid ticket of the event brought in. A refund belongs to a booking, not to a ticket:
 * a partial refund on a booking that stands (its tickets stay valid) is shared out over its tickets
 * in proportion to their prices, so every breakdown (time, section, type, code) adds up to the same
 * net revenue. Money still due at the venue is never revenue; an unpaid card checkout is neither.
 */
function ticketMoney(eventId: string) {
  return sql`
    SELECT t.id, t.place_id, t.ticket_type_id, b.id AS booking_id, b.created_at, b.promo_code_id,
           CASE WHEN b.payment_status IN ('DUE_AT_VENUE', 'PENDING') THEN 0
                ELSE t.price_cents - coalesce(b.refunded_cents::numeric * t.price_cents
                       / nullif(sum(t.price_cents) OVER (PARTITION BY b.id), 0), 0) END AS net,
           CASE WHEN b.payment_status = 'DUE_AT_VENUE' THEN t.price_cents ELSE 0 END AS due
      FROM tickets t JOIN bookings b ON b.id = t.booking_id
     WHERE b.event_id = ${eventId}::uuid AND b.status = 'CONFIRMED' AND t.voided_at IS NULL`
}

async function salesSeries(db: Db, eventId: string, timezone: string) {
  const [span] = await db.$queryRaw<{ first: Date | null, last: Date | null }[]>`
    SELECT min(created_at) AS first, max(created_at) AS last FROM bookings WHERE event_id = ${eventId}::uuid AND status = 'CONFIRMED'`
  const bucket: 'hour' | 'day' = span?.first && span.last && span.last.getTime() - span.first.getTime() > HOURLY_UP_TO_MS ? 'day' : 'hour'
  // Buckets follow the event's own clock, so "a day" is the organiser's day, not UTC's.
  const points = await db.$queryRaw<{ at: Date, tickets: bigint, revenue: bigint }[]>`
    SELECT date_trunc(${bucket}::text, m.created_at AT TIME ZONE ${timezone}::text) AT TIME ZONE ${timezone}::text AS at,
           count(*) AS tickets, round(coalesce(sum(m.net), 0))::bigint AS revenue
      FROM (${ticketMoney(eventId)}) m
     GROUP BY 1 ORDER BY 1`
  return { bucket, timezone, points: points.map(p => ({ at: p.at.toISOString(), tickets: Number(p.tickets), revenueCents: Number(p.revenue) })) }
}

async function bySection(db: Db, eventId: string) {
  const rows = await db.$queryRaw<{ id: string, name: string, kind: 'SEATED' | 'GA', capacity: number, sold: bigint, held: bigint, available: bigint, revenue: bigint, due: bigint }[]>`
    SELECT s.id, s.name, s.kind::text AS kind, s.capacity,
           count(p.id) FILTER (WHERE p.booking_id IS NOT NULL) AS sold,
           count(p.id) FILTER (WHERE p.booking_id IS NULL AND p.hold_id IS NOT NULL AND p.held_until > now()) AS held,
           count(p.id) FILTER (WHERE p.booking_id IS NULL AND (p.hold_id IS NULL OR p.held_until <= now())) AS available,
           round(coalesce(sum(m.net), 0))::bigint AS revenue, coalesce(sum(m.due), 0)::bigint AS due
      FROM sections s LEFT JOIN places p ON p.section_id = s.id
      LEFT JOIN (${ticketMoney(eventId)}) m ON m.place_id = p.id
     WHERE s.event_id = ${eventId}::uuid
     GROUP BY s.id ORDER BY s.sort_order, s.id`
  return rows.map(r => ({ id: r.id, name: r.name, kind: r.kind, capacity: r.capacity, sold: Number(r.sold), held: Number(r.held), available: Number(r.available), revenueCents: Number(r.revenue), dueCents: Number(r.due) }))
}

async function byTicketType(db: Db, eventId: string) {
  const rows = await db.$queryRaw<{ id: string, section_id: string, name: string, sold: bigint, revenue: bigint }[]>`
    SELECT tt.id, tt.section_id, tt.name, count(m.id) AS sold, round(coalesce(sum(m.net), 0))::bigint AS revenue
      FROM ticket_types tt
      JOIN sections s ON s.id = tt.section_id
      LEFT JOIN (${ticketMoney(eventId)}) m ON m.ticket_type_id = tt.id
     WHERE tt.event_id = ${eventId}::uuid
     GROUP BY tt.id, s.sort_order ORDER BY s.sort_order, tt.sort_order, tt.id`
  return rows.map(r => ({ id: r.id, sectionId: r.section_id, name: r.name, sold: Number(r.sold), revenueCents: Number(r.revenue) }))
}

async function byPromoCode(db: Db, eventId: string) {
  const rows = await db.$queryRaw<{ id: string, code: string, kind: string, bookings: bigint, tickets: bigint, revenue: bigint, discount: bigint }[]>`
    SELECT c.id, c.code, c.kind::text AS kind, count(DISTINCT m.booking_id) AS bookings, count(m.id) AS tickets,
           round(coalesce(sum(m.net), 0))::bigint AS revenue, coalesce(sum(t.discount_cents), 0)::bigint AS discount
      FROM promo_codes c
      LEFT JOIN (${ticketMoney(eventId)}) m ON m.promo_code_id = c.id
      LEFT JOIN tickets t ON t.id = m.id
     WHERE c.event_id = ${eventId}::uuid
     GROUP BY c.id ORDER BY c.created_at`
  return rows.map(r => ({ id: r.id, code: r.code, kind: r.kind, bookings: Number(r.bookings), tickets: Number(r.tickets), revenueCents: Number(r.revenue), discountCents: Number(r.discount) }))
}

async function counters(db: Db, eventId: string) {
  const [row] = await db.$queryRaw<{ holds: bigint, converted: bigint, waiting: bigint, offered: bigint, checked_in: bigint, sold: bigint, refunded: bigint }[]>`
    SELECT (SELECT count(*) FROM holds WHERE event_id = ${eventId}::uuid) AS holds,
           (SELECT count(*) FROM holds WHERE event_id = ${eventId}::uuid AND status = 'CONFIRMED') AS converted,
           (SELECT count(*) FROM waitlist_entries WHERE event_id = ${eventId}::uuid AND status = 'WAITING') AS waiting,
           (SELECT count(*) FROM waitlist_entries WHERE event_id = ${eventId}::uuid AND status = 'OFFERED') AS offered,
           (SELECT count(*) FILTER (WHERE t.checked_in_at IS NOT NULL) FROM tickets t JOIN bookings b ON b.id = t.booking_id
             WHERE b.event_id = ${eventId}::uuid AND t.voided_at IS NULL) AS checked_in,
           (SELECT count(*) FROM tickets t JOIN bookings b ON b.id = t.booking_id
             WHERE b.event_id = ${eventId}::uuid AND t.voided_at IS NULL) AS sold,
           (SELECT coalesce(sum(refunded_cents), 0) FROM bookings WHERE event_id = ${eventId}::uuid)::bigint AS refunded`
  return row!
}

export async function eventDashboard(db: Db, eventId: string, caller: EventCaller): Promise<DashboardDto> {
  const { event } = await requireEventRole(db, eventId, caller, ROLES.read)
  const [sales, sections, c, currency, ticketTypes, promoCodes] = await Promise.all([
    salesSeries(db, eventId, event.timezone),
    bySection(db, eventId),
    counters(db, eventId),
    db.section.findFirst({ where: { eventId }, select: { currency: true } }),
    byTicketType(db, eventId),
    byPromoCode(db, eventId),
  ])
  const created = Number(c.holds)
  const converted = Number(c.converted)
  return {
    eventId,
    currency: currency?.currency ?? 'EUR',
    refundedCents: Number(c.refunded),
    sales,
    sections,
    ticketTypes,
    promoCodes,
    holds: { created, converted, conversion: created ? converted / created : 0 },
    waitlist: { waiting: Number(c.waiting), offered: Number(c.offered) },
    checkIn: { checkedIn: Number(c.checked_in), sold: Number(c.sold) },
  }
}
