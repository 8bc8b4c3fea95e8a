// GET /api/organiser/events: the events the caller organises or works on, in any status, with their
// sales so far. The figures for a whole page come from one aggregate query.
import type { Db, Prisma } from '../../db/client.ts'
import type { OrganiserEventsQuery } from '../../../shared/schemas/events.ts'
import type { EventRole, OrganiserEventDto, Page } from '../../../shared/types/event.ts'
import { toEventSummary } from './event-summary.ts'

interface Figures {
  event_id: string
  total: bigint
  sold: bigint
  held: bigint
  available: bigint
  revenue: bigint
  due: bigint
  refunded: bigint
}

/**
 * Per event: places sold, actively held (lazy expiry), free, the money taken for its valid tickets
 * less what was refunded on bookings that stand (net revenue), what is still to be paid at the venue
 * (due, never counted as revenue), and all money refunded.
 */
async function salesFigures(db: Db, eventIds: string[]): Promise<Map<string, Figures>> {
  if (eventIds.length === 0) return new Map()
  const rows = await db.$queryRaw<Figures[]>`
    WITH ids AS (SELECT unnest(${eventIds}::uuid[]) AS event_id),
    places_by_event AS (
      SELECT p.event_id,
             count(*) AS total,
             count(*) FILTER (WHERE p.booking_id IS NOT NULL) AS sold,
             count(*) FILTER (WHERE p.booking_id IS NULL AND p.hold_id IS NOT NULL AND p.held_until > now()) AS held,
             count(*) FILTER (WHERE p.booking_id IS NULL AND (p.hold_id IS NULL OR p.held_until <= now())) AS available
        FROM places p JOIN ids USING (event_id)
       GROUP BY p.event_id),
    revenue_by_event AS (
      SELECT b.event_id,
             sum(t.price_cents) FILTER (WHERE b.payment_status NOT IN ('DUE_AT_VENUE', 'PENDING')) AS revenue,
             sum(t.price_cents) FILTER (WHERE b.payment_status = 'DUE_AT_VENUE') AS due
        FROM tickets t JOIN bookings b ON b.id = t.booking_id JOIN ids ON ids.event_id = b.event_id
       WHERE t.voided_at IS NULL
       GROUP BY b.event_id),
    refunds_by_event AS (
      SELECT b.event_id, sum(b.refunded_cents) AS refunded,
             sum(b.refunded_cents) FILTER (WHERE b.status = 'CONFIRMED') AS refunded_standing
        FROM bookings b JOIN ids USING (event_id)
       WHERE b.refunded_cents > 0
       GROUP BY b.event_id)
    SELECT ids.event_id,
           coalesce(p.total, 0) AS total, coalesce(p.sold, 0) AS sold, coalesce(p.held, 0) AS held,
           coalesce(p.available, 0) AS available,
           (coalesce(r.revenue, 0) - coalesce(f.refunded_standing, 0))::bigint AS revenue,
           coalesce(r.due, 0)::bigint AS due,
           coalesce(f.refunded, 0)::bigint AS refunded
      FROM ids
      LEFT JOIN places_by_event p ON p.event_id = ids.event_id
      LEFT JOIN revenue_by_event r ON r.event_id = ids.event_id
      LEFT JOIN refunds_by_event f ON f.event_id = ids.event_id`
  return new Map(rows.map(r => [r.event_id, r]))
}

export async function listOrganiserEvents(db: Db, userId: string, query: OrganiserEventsQuery): Promise<Page<OrganiserEventDto>> {
  const where: Prisma.EventWhereInput = { OR: [{ organiserId: userId }, { staff: { some: { userId } } }] }
  const [total, events] = await Promise.all([
    db.event.count({ where }),
    db.event.findMany({
      where,
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      include: {
        sections: { select: { priceCents: true, currency: true }, orderBy: { priceCents: 'asc' } },
        staff: { where: { userId }, select: { role: true } },
      },
    }),
  ])
  const figures = await salesFigures(db, events.map(e => e.id))
  const items = events.map((e): OrganiserEventDto => {
    const f = figures.get(e.id)
    const role: EventRole = e.organiserId === userId ? 'ORGANISER' : e.staff[0]!.role
    const currency = e.sections[0]?.currency ?? 'EUR'
    // Check-in staff run the door; the event's takings are not theirs to see.
    const money = (cents: bigint | undefined) => (role === 'CHECKIN' ? null : { amountCents: Number(cents ?? 0), currency })
    return {
      ...toEventSummary(e, { available: Number(f?.available ?? 0), total: Number(f?.total ?? 0) }),
      role,
      sold: Number(f?.sold ?? 0),
      held: Number(f?.held ?? 0),
      available: Number(f?.available ?? 0),
      revenue: money(f?.revenue),
      due: money(f?.due),
      refunded: money(f?.refunded),
    }
  })
  return { items, page: query.page, pageSize: query.pageSize, total }
}
