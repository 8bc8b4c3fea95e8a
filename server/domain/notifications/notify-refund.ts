// refund.completed: tell the buyer their money is on its way back (or that a refund failed and the
// organiser will be in touch), and why — above all when a payment arrived after the places were gone.
import type { Db } from '../../db/client.ts'
import { formatMinor } from '../documents/document-access.ts'
import { bookingLink } from './booking-notices.ts'
import { deliverNotices } from './deliver-notices.ts'
import { eventFactsRows } from './event-facts.ts'
import { loadBookingFacts } from './load-booking-facts.ts'
import type { Notice, NotifyContext, NotifyDeps } from './notice.ts'

const WHY: Record<string, string> = {
  BOOKING_CANCELLED: 'Your booking was cancelled.',
  ORGANISER: 'The organiser refunded part of your booking.',
  EVENT_CANCELLED: 'The event was cancelled.',
  PLACES_LOST: 'Your payment arrived after your hold had run out and the places were sold to someone else, so no booking was made.',
  PROVIDER: 'A refund was made on your payment.',
}

async function refundFacts(db: Db, refundId: string) {
  return db.refund.findUnique({ where: { id: refundId }, select: { amountCents: true, currency: true, reason: true, note: true, failureReason: true } })
}

export async function notifyRefundCompleted(deps: NotifyDeps, ctx: NotifyContext, payload: { refundId: string, bookingId: string, status: 'SUCCEEDED' | 'FAILED' }): Promise<void> {
  const [refund, booking] = await Promise.all([refundFacts(deps.db, payload.refundId), loadBookingFacts(deps.db, payload.bookingId)])
  if (!refund || !booking) {
    await deliverNotices(deps, ctx, [])
    return
  }
  const amount = formatMinor(refund.amountCents, refund.currency)
  const link = bookingLink(deps.appUrl, booking.id)
  const why = WHY[refund.reason] ?? ''
  const ok = payload.status === 'SUCCEEDED'
  const notice: Notice = {
    userId: booking.userId,
    kind: ok ? 'payment.refunded' : 'payment.refund_failed',
    title: ok ? `Refund of ${amount}: ${booking.event.title}` : `Refund of ${amount} did not go through`,
    body: ok ? `${why} ${amount} is on its way back to your card (booking ${booking.reference}).` : `We could not refund ${amount} for booking ${booking.reference}; the organiser has been told.`,
    link,
    data: { bookingId: booking.id, eventId: booking.event.id, reference: booking.reference, refundId: payload.refundId, reason: refund.reason },
    email: {
      subject: ok ? `Refund of ${amount} for ${booking.event.title} (${booking.reference})` : `Refund for ${booking.reference} did not go through`,
      heading: ok ? 'Your money is on its way back' : 'A refund did not go through',
      paragraphs: ok
        ? [why, `We refunded ${amount} to the card you paid with. Banks usually show it within 5 to 10 days.`].filter(Boolean)
        : [`We could not refund ${amount} for booking ${booking.reference}. The organiser has been told and will sort it out with you.`],
      facts: [['Booking', booking.reference], ['Amount', amount], ...(refund.note ? [['Note', refund.note] as [string, string]] : []), ...eventFactsRows(booking.event)],
      action: { label: 'See the booking', url: link },
    },
  }
  await deliverNotices(deps, ctx, [notice])
}
