import { renderSVG } from 'uqr'
import { ticketParams } from '../../../../../../shared/schemas/params.ts'
import { loadBooking } from '../../../../../domain/bookings/booking-dto.ts'
import { DomainError } from '../../../../../domain/errors.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id, ticketId } = readParams(event, ticketParams)
  const booking = await loadBooking(useDb(), id, caller.userId)
  const ticket = booking.tickets.find(t => t.id === ticketId)
  if (!ticket) throw new DomainError('NOT_FOUND', 'There is no such ticket.')
  setResponseHeader(event, 'Content-Type', 'image/svg+xml')
  setResponseHeader(event, 'Cache-Control', 'private, max-age=300')
  // The QR carries only the unguessable code; the door looks everything else up.
  return renderSVG(ticket.code, { ecc: 'M', border: 2 })
})
