// "Pay by card": a PENDING_PAYMENT booking for the hold and a Stripe Checkout Session for it. The
// hold keeps its places while the buyer pays, up to its expiry plus a grace period; the cleanup
// worker's expiry job and the payments worker end the checkout then (Stripe's own expiry is at
// least 30 minutes away). Asking again for the same hold — a retry, a second tab — returns the same
// booking and, through the booking id as Stripe idempotency key, the same session.
import type { Db } from '../../db/client.ts'
import type { BookingDto } from '../../../shared/types/booking.ts'
import { DomainError } from '../errors.ts'
import type { AfterCommit, LogLike } from '../ports.ts'
import { loadBooking } from '../bookings/booking-dto.ts'
import { newBookingReference } from '../bookings/codes.ts'
import type { StoredAnswers } from '../pricing/answers.ts'
import { GatewayUnavailableError, type CardGateway, type CheckoutLine } from './card-gateway.ts'

export interface PaymentDeps {
  /** null when STRIPE_SECRET_KEY is unset: card payments are off. */
  gateway: CardGateway | null
  appUrl: string
  /** Minutes past the hold's expiry that an open checkout keeps the places. */
  graceMinutes: number
  log: LogLike
}

/** Stripe refuses a session expiry less than 30 minutes ahead. */
const STRIPE_MIN_EXPIRY_MS = 31 * 60_000

interface Pending {
  bookingId: string
  reference: string
  deadline: Date
  sessionId: string | null
}

async function pendingBookingFor(db: Db, holdId: string, userId: string, graceMinutes: number, now: Date, answers?: StoredAnswers): Promise<Pending> {
  return db.$transaction(async (tx) => {
    // The hold row lock orders two checkouts of one hold: the second finds the first's booking.
    const [hold] = await tx.$queryRaw<{ id: string, event_id: string, status: string, expires_at: Date, total_cents: number, currency: string, discount_cents: number, promo_code_id: string | null }[]>`
      SELECT id, event_id, status::text AS status, expires_at, total_cents, currency, discount_cents, promo_code_id FROM holds
       WHERE id = ${holdId}::uuid AND user_id = ${userId}::uuid FOR UPDATE`
    if (!hold) throw new DomainError('NOT_FOUND', 'There is no such hold.')
    const existing = await tx.booking.findUnique({ where: { holdId }, select: { id: true, reference: true, status: true, paymentDeadline: true, paymentSessionId: true } })
    if (existing?.status === 'PENDING_PAYMENT') return { bookingId: existing.id, reference: existing.reference, deadline: existing.paymentDeadline!, sessionId: existing.paymentSessionId }
    if (existing || hold.status === 'CONFIRMED') throw new DomainError('CONFLICT', 'This hold is already booked.', { reason: 'ALREADY_CONFIRMED' })
    if (hold.status !== 'ACTIVE' || hold.expires_at <= now) throw new DomainError('HOLD_EXPIRED', 'Your hold has expired; choose your places again.')
    const [event] = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM events WHERE id = ${hold.event_id}::uuid FOR SHARE`
    if (event?.status !== 'PUBLISHED') throw new DomainError('EVENT_CANCELLED', 'This event has been cancelled.')
    const deadline = new Date(hold.expires_at.getTime() + graceMinutes * 60_000)
    // The hold and its places' claim move together, so lazy expiry frees them at the same moment.
    await tx.$executeRaw`UPDATE holds SET expires_at = ${deadline} WHERE id = ${holdId}::uuid`
    await tx.$executeRaw`UPDATE places SET held_until = ${deadline} WHERE hold_id = ${holdId}::uuid`
    const booking = await tx.booking.create({
      data: {
        reference: newBookingReference(), userId, eventId: hold.event_id, holdId, status: 'PENDING_PAYMENT',
        totalCents: hold.total_cents, currency: hold.currency, paymentProvider: 'stripe', paymentStatus: 'PENDING', paymentDeadline: deadline,
        discountCents: hold.discount_cents, promoCodeId: hold.promo_code_id, ...(answers ? { answers: { ...answers } } : {}),
      },
    })
    return { bookingId: booking.id, reference: booking.reference, deadline, sessionId: null }
  })
}

async function checkoutLines(db: Db, holdId: string): Promise<{ lines: CheckoutLine[], email: string }> {
  const hold = await db.hold.findUniqueOrThrow({
    where: { id: holdId },
    select: {
      user: { select: { email: true } },
      event: { select: { title: true } },
      items: { select: { priceCents: true, ticketTypeId: true, place: { select: { label: true, section: { select: { name: true, kind: true } } } } } },
    },
  })
  // Stripe shows one line per section, type and price paid (after the code's discount), so the
  // lines always add up to the hold's total.
  const types = new Map((await db.ticketType.findMany({ where: { id: { in: hold.items.map(i => i.ticketTypeId) } }, select: { id: true, name: true } })).map(t => [t.id, t.name]))
  const groups = new Map<string, CheckoutLine>()
  for (const item of hold.items) {
    const key = `${item.place.section.name}\u0000${item.ticketTypeId}\u0000${item.priceCents}`
    const type = types.get(item.ticketTypeId) ?? 'Standard'
    const line = groups.get(key) ?? { name: `${hold.event.title} — ${item.place.section.name} · ${type}`, unitAmountCents: item.priceCents, quantity: 0 }
    line.quantity += 1
    groups.set(key, line)
  }
  return { lines: [...groups.values()].filter(l => l.unitAmountCents > 0), email: hold.user.email }
}

/** The caller's hold, paid by card: 202's booking in PENDING_PAYMENT with the session's URL. */
export async function startCardCheckout(db: Db, effects: AfterCommit, deps: PaymentDeps, input: { holdId: string, userId: string, answers?: StoredAnswers }, now = new Date()): Promise<BookingDto> {
  if (!deps.gateway) throw new DomainError('PAYMENT_REQUIRED', 'Card payments are not set up on this Bookify; choose to pay at the venue.')
  const pending = await pendingBookingFor(db, input.holdId, input.userId, deps.graceMinutes, now, input.answers)
  await effects.scheduleHoldExpiry(input.holdId, pending.deadline)
  if (!pending.sessionId) {
    const { lines, email } = await checkoutLines(db, input.holdId)
    const back = `${deps.appUrl}/bookings/${pending.bookingId}`
    try {
      const session = await deps.gateway.createCheckout({
        bookingId: pending.bookingId,
        reference: pending.reference,
        currency: (await db.booking.findUniqueOrThrow({ where: { id: pending.bookingId }, select: { currency: true } })).currency,
        lines,
        customerEmail: email,
        successUrl: `${deps.appUrl}/api/payments/stripe/return?session_id={CHECKOUT_SESSION_ID}`,
        cancelUrl: `${back}?checkout=cancelled`,
        expiresAt: new Date(Math.max(pending.deadline.getTime(), now.getTime() + STRIPE_MIN_EXPIRY_MS)),
      })
      await db.booking.updateMany({ where: { id: pending.bookingId, paymentSessionId: null }, data: { paymentSessionId: session.id, checkoutUrl: session.url } })
    } catch (err) {
      deps.log.warn({ bookingId: pending.bookingId, err: (err as Error).message }, 'checkout session not created')
      const retry = err instanceof GatewayUnavailableError
      throw new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', retry
        ? 'Card payments are briefly unavailable. Your places stay held; try again in a moment.'
        : 'The card payment could not be started; choose to pay at the venue or try again later.', { bookingId: pending.bookingId })
    }
  }
  return loadBooking(db, pending.bookingId, input.userId)
}
