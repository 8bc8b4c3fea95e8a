// Turning an active hold into a confirmed booking with one ticket per place. The hold's row is
// flipped with a conditional UPDATE, so of two confirmations of one hold exactly one wins; the
// partial unique index on tickets(place_id) is the last line of defence against a double sale.
import type { Db } from '../../db/client.ts'
import type { BookingDto } from '../../../shared/types/booking.ts'
import { writeOutbox } from '../../messaging/outbox.ts'
import { ROUTING_KEYS } from '../../messaging/names.ts'
import { DomainError } from '../errors.ts'
import { placesNow, type AfterCommit } from '../ports.ts'
import type { PaymentProvider } from '../payments/provider.ts'
import { loadBooking } from './booking-dto.ts'
import { newBookingReference, newTicketCode } from './codes.ts'
import { ticketPricing } from './ticket-pricing.ts'
import type { StoredAnswers } from '../pricing/answers.ts'

interface ConfirmInput {
  holdId: string
  userId: string
  payment?: Record<string, unknown>
  correlationId?: string
  /** Checked answers to the checkout questions (server/domain/pricing/answers.ts). */
  answers?: StoredAnswers
}

async function activeHold(db: Db, holdId: string, userId: string, now: Date) {
  const hold = await db.hold.findFirst({ where: { id: holdId, userId }, include: { items: true } })
  if (!hold) throw new DomainError('NOT_FOUND', 'There is no such hold.')
  if (hold.status === 'CONFIRMED') throw new DomainError('CONFLICT', 'This hold is already booked.', { reason: 'ALREADY_CONFIRMED' })
  if (hold.status !== 'ACTIVE' || hold.expiresAt <= now) throw new DomainError('HOLD_EXPIRED', 'Your hold has expired; choose your places again.')
  return hold
}

/** After the commit, the hold's places are announced BOOKED. */
export async function confirmBooking(db: Db, effects: AfterCommit, provider: PaymentProvider, input: ConfirmInput, now = new Date()): Promise<BookingDto> {
  const hold = await activeHold(db, input.holdId, input.userId, now)
  const payment = await provider.authorise({ amountCents: hold.totalCents, currency: hold.currency, holdId: hold.id, userId: input.userId, details: input.payment })
  let bookingId: string
  try {
    bookingId = await db.$transaction(async (tx) => {
      // A share lock on the event: a cancellation (which locks it for update) either finished
      // before — and we refuse — or waits for this booking and then cancels it with the rest.
      const [event] = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM events WHERE id = ${hold.eventId}::uuid FOR SHARE`
      if (event?.status !== 'PUBLISHED') throw new DomainError('EVENT_CANCELLED', 'This event has been cancelled.')
      const claimed = await tx.hold.updateMany({
        where: { id: hold.id, userId: input.userId, status: 'ACTIVE', expiresAt: { gt: now } },
        data: { status: 'CONFIRMED', endedAt: now },
      })
      if (claimed.count !== 1) {
        // Lost a race: either a parallel confirmation won, or the hold ran out meanwhile.
        const current = await tx.hold.findUnique({ where: { id: hold.id }, select: { status: true } })
        if (current?.status === 'CONFIRMED') throw new DomainError('CONFLICT', 'This hold is already booked.', { reason: 'ALREADY_CONFIRMED' })
        throw new DomainError('HOLD_EXPIRED', 'Your hold has expired; choose your places again.')
      }
      // A card checkout of this hold is open (it keeps the hold active): finish or cancel it first.
      if (await tx.booking.count({ where: { holdId: hold.id } })) {
        throw new DomainError('CONFLICT', 'A card payment for these places is in progress; finish it or cancel it first.', { reason: 'CHECKOUT_OPEN' })
      }
      const booking = await tx.booking.create({
        data: {
          reference: newBookingReference(), userId: input.userId, eventId: hold.eventId, holdId: hold.id,
          totalCents: hold.totalCents, currency: hold.currency, discountCents: hold.discountCents, promoCodeId: hold.promoCodeId,
          ...(input.answers ? { answers: { ...input.answers } } : {}),
          paymentProvider: payment.provider, paymentStatus: payment.status, paymentRef: payment.reference,
        },
      })
      // The hold was active and unexpired, so every one of its places still points at it.
      const moved = await tx.$executeRaw`
        UPDATE places SET booking_id = ${booking.id}::uuid, hold_id = NULL, held_until = NULL
         WHERE hold_id = ${hold.id}::uuid AND booking_id IS NULL`
      if (moved !== hold.items.length) throw new Error(`hold ${hold.id} owned ${moved} of its ${hold.items.length} places`)
      await tx.ticket.createMany({
        data: hold.items.map(item => ({ ...ticketPricing(item), bookingId: booking.id, placeId: item.placeId, code: newTicketCode() })),
      })
      if (hold.waitlistEntryId) await tx.waitlistEntry.update({ where: { id: hold.waitlistEntryId }, data: { status: 'CONVERTED' } })
      await writeOutbox(tx, ROUTING_KEYS.bookingConfirmed, { bookingId: booking.id, userId: input.userId, eventId: hold.eventId, reference: booking.reference }, input.correlationId)
      return booking.id
    })
  } catch (err) {
    await provider.void(payment)
    throw err
  }
  await effects.placesChanged(hold.eventId, placesNow(hold.items.map(i => i.placeId), 'BOOKED'))
  return loadBooking(db, bookingId, input.userId)
}
