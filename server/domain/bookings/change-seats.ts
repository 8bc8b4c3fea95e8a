// Moving a booking to other seats of the same event, atomically: every new seat is claimed and
// the released ones freed in one transaction, or nothing changes.
import type { Db } from '../../db/client.ts'
import { writeOutbox } from '../../messaging/outbox.ts'
import { ROUTING_KEYS } from '../../messaging/names.ts'
import { DomainError } from '../errors.ts'
import { placesNow, type AfterCommit, type Tx } from '../ports.ts'
import type { BookingDto } from '../../../shared/types/booking.ts'
import { loadBooking } from './booking-dto.ts'
import { newTicketCode } from './codes.ts'
import type { TicketPricing } from './ticket-pricing.ts'

/**
 * A moved seat keeps the ticket type, price and discount of the seat it replaces when both are in
 * the same section (paired in order); a seat in another section is sold under that section's
 * default type at its price, without discount.
 */
async function pricesForMovedSeats(tx: Tx, bookingId: string, dropped: string[], claimed: { id: string, section_id: string }[]): Promise<Map<string, TicketPricing>> {
  const old = await tx.ticket.findMany({
    where: { bookingId, placeId: { in: dropped }, voidedAt: null },
    select: { ticketTypeId: true, unitPriceCents: true, discountCents: true, priceCents: true, place: { select: { sectionId: true } } },
  })
  const defaults = await tx.ticketType.findMany({
    where: { sectionId: { in: [...new Set(claimed.map(c => c.section_id))] }, hidden: false },
    orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
  })
  const priced = new Map<string, TicketPricing>()
  for (const seat of claimed) {
    const i = old.findIndex(t => t.place.sectionId === seat.section_id)
    if (i >= 0) {
      const [t] = old.splice(i, 1)
      priced.set(seat.id, { ticketTypeId: t!.ticketTypeId, unitPriceCents: t!.unitPriceCents, discountCents: t!.discountCents, priceCents: t!.priceCents })
      continue
    }
    const type = defaults.find(d => d.sectionId === seat.section_id)
    if (!type) throw new DomainError('CONFLICT', 'Those seats have no ticket type on sale.', { reason: 'NO_TICKET_TYPE' })
    priced.set(seat.id, { ticketTypeId: type.id, unitPriceCents: type.priceCents, discountCents: 0, priceCents: type.priceCents })
  }
  return priced
}

/**
 * A seat moved into another section is sold under that section's default type, which may have a
 * quota: the move must not take the type past it. The new seats of each limited type go into the
 * type's quota buckets as a claim's do (bookify_quota_rebalance, types in id order like the claim
 * function, so two transactions never wait on each other crosswise). The dropped seats are freed
 * before this, so swapping seats within a full type fits.
 */
async function requireQuotaRoom(tx: Tx, newSeats: { id: string, ticketTypeId: string }[], now: Date): Promise<void> {
  const typeIds = [...new Set(newSeats.map(s => s.ticketTypeId))]
  const limited = await tx.$queryRaw<{ id: string, name: string }[]>`
    SELECT id, name FROM ticket_types WHERE id = ANY(${typeIds}::uuid[]) AND quota IS NOT NULL ORDER BY id`
  for (const type of limited) {
    const placeIds = newSeats.filter(s => s.ticketTypeId === type.id).map(s => s.id)
    const [row] = await tx.$queryRaw<{ fits: boolean }[]>`SELECT bookify_quota_rebalance(${type.id}::uuid, ${placeIds}::uuid[], ${now}) AS fits`
    if (!row?.fits) {
      throw new DomainError('TYPE_UNAVAILABLE', `There are no ${type.name} tickets left for those seats.`, { reason: 'quota', ticketTypeId: type.id })
    }
  }
}

interface ChangedSeats {
  eventId: string
  freedPlaceIds: string[]
  /** Seats the booking newly holds. */
  addedPlaceIds: string[]
}

/** After the commit, the released seats are announced AVAILABLE and the new ones BOOKED. */
export async function changeSeats(db: Db, effects: AfterCommit, bookingId: string, userId: string, seatIds: string[], correlationId?: string, now = new Date()): Promise<BookingDto> {
  const changed = await db.$transaction(async (tx): Promise<ChangedSeats> => {
    // Lock the booking row so two changes of one booking run one after the other.
    const [booking] = await tx.$queryRaw<{ id: string, event_id: string, reference: string, status: string, total_cents: number, paid_cents: number }[]>`
      SELECT id, event_id, reference, status, total_cents, paid_cents FROM bookings WHERE id = ${bookingId}::uuid AND user_id = ${userId}::uuid FOR UPDATE`
    if (!booking) throw new DomainError('NOT_FOUND', 'There is no such booking.')
    if (booking.status !== 'CONFIRMED') throw new DomainError('CONFLICT', 'Only a confirmed booking can change seats.', { reason: 'NOT_CONFIRMED' })
    const current = await tx.place.findMany({ where: { bookingId }, select: { id: true, section: { select: { kind: true } } } })
    if (current.some(p => p.section.kind !== 'SEATED')) throw new DomainError('CONFLICT', 'General-admission places have no seats to change.', { reason: 'NOT_SEATED' })
    if (seatIds.length !== current.length) {
      throw new DomainError('VALIDATION_FAILED', `Choose exactly ${current.length} seats.`, { issues: [{ path: 'seatIds', message: `Choose exactly ${current.length} seats.` }] })
    }
    const old = new Set(current.map(p => p.id))
    const added = seatIds.filter(id => !old.has(id))
    const dropped = [...old].filter(id => !seatIds.includes(id))
    if (added.length === 0) return { eventId: booking.event_id, freedPlaceIds: [], addedPlaceIds: [] }

    const claimed = await tx.$queryRaw<{ id: string, section_id: string }[]>`
      UPDATE places p SET booking_id = ${bookingId}::uuid, hold_id = NULL, held_until = NULL
        FROM sections s
       WHERE s.id = p.section_id AND s.kind = 'SEATED' AND p.id = ANY(${added}::uuid[]) AND p.event_id = ${booking.event_id}::uuid
         AND p.booking_id IS NULL AND (p.hold_id IS NULL OR p.held_until <= ${now})
      RETURNING p.id, p.section_id`
    if (claimed.length !== added.length) {
      const got = new Set(claimed.map(c => c.id))
      // Throwing rolls the whole transaction back: the booking keeps its old seats.
      throw new DomainError('SEATS_UNAVAILABLE', 'Some of those seats are not available.', { unavailable: added.filter(id => !got.has(id)) })
    }
    const priced = await pricesForMovedSeats(tx, bookingId, dropped, claimed)
    await tx.place.updateMany({ where: { id: { in: dropped }, bookingId }, data: { bookingId: null } })
    await tx.ticket.updateMany({ where: { bookingId, placeId: { in: dropped }, voidedAt: null }, data: { voidedAt: now } })
    for (const c of claimed) await tx.place.update({ where: { id: c.id }, data: { ticketTypeId: priced.get(c.id)!.ticketTypeId } })
    await requireQuotaRoom(tx, claimed.map(c => ({ id: c.id, ticketTypeId: priced.get(c.id)!.ticketTypeId })), now)
    await tx.ticket.createMany({ data: claimed.map(c => ({ ...priced.get(c.id)!, bookingId, placeId: c.id, code: newTicketCode() })) })
    const [{ total }] = await tx.$queryRaw<{ total: number }[]>`
      SELECT coalesce(sum(price_cents), 0)::int AS total FROM tickets WHERE booking_id = ${bookingId}::uuid AND voided_at IS NULL` as [{ total: number }]
    // A card payment covers what was paid, no more and no less: only seats at the same price.
    if (booking.paid_cents > 0 && total !== booking.total_cents) {
      throw new DomainError('CONFLICT', 'A booking paid by card can only move to seats at the same price.', { reason: 'PRICE_DIFFERS' })
    }
    await tx.booking.update({ where: { id: bookingId }, data: { totalCents: total } })
    await writeOutbox(tx, ROUTING_KEYS.bookingChanged, { bookingId, userId, eventId: booking.event_id, reference: booking.reference, previousPlaceIds: [...old] }, correlationId)
    return { eventId: booking.event_id, freedPlaceIds: dropped, addedPlaceIds: added }
  })
  await effects.placesChanged(changed.eventId, [...placesNow(changed.freedPlaceIds, 'AVAILABLE'), ...placesNow(changed.addedPlaceIds, 'BOOKED')])
  return loadBooking(db, bookingId, userId)
}
