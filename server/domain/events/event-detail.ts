// One event as the API shows it: venue, times, organiser, sections with prices and live counts.
import type { Db, Prisma } from '../../db/client.ts'
import type { EventDetailDto, Money, SectionDto } from '../../../shared/types/event.ts'
import { EDITOR_ROLES, eventNotFound, loadVisibleEvent, rolesOn, type EventCaller } from './access.ts'
import { ticketTypesBySection } from './ticket-type-dto.ts'
import { waitingRoomDtoOf } from '../queue/room-settings.ts'
import { paymentSettingsDto } from './payment-settings.ts'

type Reader = Db | Prisma.TransactionClient

interface SectionCounts {
  total: number
  available: number
}

/** Places per section and how many are free now (lazy expiry: a lapsed hold is free). */
export async function availabilityBySection(db: Reader, eventId: string): Promise<Map<string, SectionCounts>> {
  const rows = await db.$queryRaw<{ section_id: string, total: bigint, available: bigint }[]>`
    SELECT section_id,
           count(*) AS total,
           count(*) FILTER (WHERE booking_id IS NULL AND (hold_id IS NULL OR held_until <= now())) AS available
      FROM places
     WHERE event_id = ${eventId}::uuid
     GROUP BY section_id`
  return new Map(rows.map(r => [r.section_id, { total: Number(r.total), available: Number(r.available) }]))
}

export function priceOf(section: { priceCents: number, currency: string }): Money {
  return { amountCents: section.priceCents, currency: section.currency }
}

/** The DTO of an event the caller is already allowed to see; hidden ticket types only for its editors. */
export async function eventDetail(db: Reader, eventId: string, options: { includeHidden?: boolean } = { includeHidden: true }): Promise<EventDetailDto> {
  const [event, counts] = await Promise.all([
    db.event.findUnique({
      where: { id: eventId },
      include: { organiser: { select: { id: true, name: true } }, sections: { orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] }, waitingRoom: true },
    }),
    availabilityBySection(db, eventId),
  ])
  if (!event) throw eventNotFound()
  const currencyOf = new Map(event.sections.map(s => [s.id, s.currency]))
  const types = await ticketTypesBySection(db, eventId, id => currencyOf.get(id) ?? 'XXX', id => counts.get(id)?.available ?? 0, options.includeHidden ?? false)
  const sections: SectionDto[] = event.sections.map(s => ({
    id: s.id,
    name: s.name,
    kind: s.kind,
    price: priceOf(s),
    ticketTypes: types.get(s.id) ?? [],
    capacity: s.capacity,
    available: counts.get(s.id)?.available ?? 0,
    entrance: s.entrance,
    rows: s.rows,
    seatsPerRow: s.seatsPerRow,
  }))
  const cheapest = event.sections.reduce<typeof event.sections[number] | undefined>((min, s) => (!min || s.priceCents < min.priceCents ? s : min), undefined)
  return {
    id: event.id,
    title: event.title,
    description: event.description,
    category: event.category,
    status: event.status,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    timezone: event.timezone,
    holdMinutes: event.holdMinutes,
    venue: { name: event.venueName, address: event.venueAddress, city: event.city },
    imageUrl: event.imageUrl,
    publishedAt: event.publishedAt?.toISOString() ?? null,
    cancelledAt: event.cancelledAt?.toISOString() ?? null,
    organiser: event.organiser,
    waitingRoom: event.waitingRoom ? waitingRoomDtoOf(event.waitingRoom) : null,
    sections,
    availability: {
      available: sections.reduce((sum, s) => sum + s.available, 0),
      total: [...counts.values()].reduce((sum, c) => sum + c.total, 0),
    },
    priceFrom: cheapest ? priceOf(cheapest) : null,
    ...paymentSettingsDto(event),
  }
}

/** GET /api/events/:id: the event when the caller may see it, else NOT_FOUND. */
export async function getEvent(db: Db, eventId: string, caller: EventCaller | undefined): Promise<EventDetailDto> {
  const event = await loadVisibleEvent(db, eventId, caller)
  const roles = await rolesOn(db, event, caller)
  return eventDetail(db, eventId, { includeHidden: roles.some(r => EDITOR_ROLES.includes(r)) })
}
