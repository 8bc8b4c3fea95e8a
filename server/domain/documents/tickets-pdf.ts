// GET /api/bookings/:id/tickets.pdf and the confirmation e-mail's attachment: one A4 page per valid
// ticket with the event, its time in the event's own zone, the venue, the place, the ticket's type,
// the holder and the QR code the door scans (the same unguessable code as the app's QR).
import type { Db } from '../../db/client.ts'
import { DomainError } from '../errors.ts'
import { formatInZone, venueLine } from '../notifications/event-facts.ts'
import { PdfWriter } from './pdf-writer.ts'

export interface TicketsPdf {
  fileName: string
  bytes: Uint8Array
}

function placeLine(t: { place: { label: string, rowLabel: string | null, number: number | null, section: { name: string, kind: string } } }): string {
  const { place } = t
  if (place.section.kind === 'GA') return `${place.section.name} (general admission)`
  return place.rowLabel && place.number !== null ? `${place.section.name}, row ${place.rowLabel}, seat ${place.number}` : `${place.section.name}, ${place.label}`
}

/** The booking's valid tickets as a PDF; NOT_FOUND when it has none (not paid yet, or cancelled). */
export async function ticketsPdf(db: Db, bookingId: string): Promise<TicketsPdf> {
  const booking = await db.booking.findUnique({
    where: { id: bookingId },
    select: {
      reference: true, status: true, currency: true,
      user: { select: { name: true } },
      event: { select: { title: true, startsAt: true, endsAt: true, timezone: true, venueName: true, venueAddress: true, city: true } },
      tickets: {
        where: { voidedAt: null }, orderBy: { createdAt: 'asc' },
        select: { code: true, ticketType: { select: { name: true } }, place: { select: { label: true, rowLabel: true, number: true, section: { select: { name: true, kind: true, entrance: true } } } } },
      },
    },
  })
  if (!booking || booking.status !== 'CONFIRMED' || booking.tickets.length === 0) throw new DomainError('NOT_FOUND', 'This booking has no valid tickets.')
  const { event } = booking
  const pdf = await PdfWriter.create(`Tickets ${booking.reference} — ${event.title}`)
  booking.tickets.forEach((ticket, i) => {
    pdf.newPage()
    pdf.text(`Bookify ticket ${i + 1} of ${booking.tickets.length}`, { size: 10, bold: true, brand: true }, { gapAfter: 10 })
    pdf.text(event.title, { size: 22, bold: true }, { gapAfter: 12 })
    pdf.row('When', `${formatInZone(event.startsAt, event.timezone)} – ${formatInZone(event.endsAt, event.timezone)}`)
    pdf.row('Time zone', event.timezone)
    pdf.row('Where', venueLine(event))
    pdf.row('Place', placeLine(ticket))
    if (ticket.place.section.entrance) pdf.row('Entrance', ticket.place.section.entrance)
    pdf.row('Type', ticket.place.section.kind === 'GA' ? 'General admission' : 'Reserved seat')
    pdf.row('Ticket', ticket.ticketType.name)
    pdf.row('Holder', booking.user.name)
    pdf.row('Booking', booking.reference)
    pdf.space(16)
    pdf.qr(ticket.code, 220)
    pdf.text(ticket.code, { size: 12, bold: true }, { gapAfter: 6 })
    pdf.text('Show this code at the door. It admits one person once; keep it to yourself.', { size: 9, muted: true })
  })
  return { fileName: `bookify-tickets-${booking.reference}.pdf`, bytes: await pdf.bytes() }
}
