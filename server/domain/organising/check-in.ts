// POST /api/events/:id/checkin: one scan at the door, online. A single conditional UPDATE admits
// the ticket only while it is not checked in, so two doors scanning one ticket at the same moment
// admit it once; the other door is told when and by whom. Every scan leaves a check_in_scans row.
// A device retrying a scan it already sent (same device, code and scannedAt) gets the first answer.
import type { Db, Prisma } from '../../db/client.ts'
import type { CheckInBody } from '../../../shared/schemas/organising.ts'
import type { AlreadyCheckedInDetails, CheckInResultDto, ScanOutcome } from '../../../shared/types/organising.ts'
import { writeOutbox } from '../../messaging/outbox.ts'
import { DomainError } from '../errors.ts'
import { requireEventRole, ROLES, type EventCaller } from './event-roles.ts'
import { findDoorTicket, type DoorTicket } from './ticket-at-door.ts'

type Tx = Prisma.TransactionClient

interface ScanRecord {
  eventId: string
  ticketId: string | null
  code: string
  staffId: string
  deviceId: string | null
  scannedAt: Date
  outcome: ScanOutcome
}

/** Stores a scan and returns its id; undefined when the device had already sent exactly this scan. */
export async function recordScan(db: Db | Tx, scan: ScanRecord): Promise<string | undefined> {
  const [inserted] = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO check_in_scans (id, event_id, ticket_id, code, staff_id, device_id, scanned_at, outcome)
    VALUES (gen_random_uuid(), ${scan.eventId}::uuid, ${scan.ticketId}::uuid, ${scan.code}, ${scan.staffId}::uuid, ${scan.deviceId},
            ${scan.scannedAt}, ${scan.outcome}::"ScanOutcome")
    ON CONFLICT (device_id, code, scanned_at) DO NOTHING
    RETURNING id`
  return inserted?.id
}

function admitted(ticket: DoorTicket, checkedInAt: Date): CheckInResultDto {
  return {
    outcome: 'ADMITTED',
    ticket: { id: ticket.id, code: ticket.code, checkedInAt: checkedInAt.toISOString() },
    seat: ticket.seat,
    holder: ticket.holder,
    bookingReference: ticket.bookingReference,
    payment: ticket.payment,
    due: ticket.due,
    booking: ticket.booking,
  }
}

function alreadyIn(ticket: DoorTicket): DomainError {
  const details: AlreadyCheckedInDetails = {
    checkedInAt: ticket.checkedInAt!.toISOString(), checkedInBy: ticket.checkedInBy, seat: ticket.seat, holder: ticket.holder,
  }
  return new DomainError('ALREADY_CHECKED_IN', 'This ticket has already been checked in.', { ...details })
}

const unknownTicket = () => new DomainError('UNKNOWN_TICKET', 'No valid ticket for this event has this code.')

async function replay(db: Db, eventId: string, caller: EventCaller, body: CheckInBody): Promise<CheckInResultDto | undefined> {
  if (!body.deviceId || !body.scannedAt) return undefined
  const earlier = await db.checkInScan.findFirst({ where: { eventId, deviceId: body.deviceId, code: body.ticketCode, scannedAt: new Date(body.scannedAt), staffId: caller.userId } })
  if (!earlier) return undefined
  const ticket = await findDoorTicket(db, eventId, body.ticketCode)
  if (earlier.outcome === 'ADMITTED' && ticket?.checkedInAt) return admitted(ticket, ticket.checkedInAt)
  if (!ticket) throw unknownTicket()
  throw alreadyIn(ticket)
}

export async function checkIn(db: Db, eventId: string, caller: EventCaller, body: CheckInBody, now = new Date()): Promise<CheckInResultDto> {
  await requireEventRole(db, eventId, caller, ROLES.door)
  const repeated = await replay(db, eventId, caller, body)
  if (repeated) return repeated
  const scan = { eventId, code: body.ticketCode, staffId: caller.userId, deviceId: body.deviceId ?? null, scannedAt: body.scannedAt ? new Date(body.scannedAt) : now }
  // The admission and its ticket.checked_in (for organisers' webhooks) commit together.
  const won = await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ id: string, booking_id: string }[]>`
      UPDATE tickets t SET checked_in_at = ${now}, checked_in_by_id = ${caller.userId}::uuid
        FROM bookings b
       WHERE t.code = ${body.ticketCode} AND t.booking_id = b.id AND b.event_id = ${eventId}::uuid
         AND b.status = 'CONFIRMED' AND t.voided_at IS NULL AND t.checked_in_at IS NULL
      RETURNING t.id, t.booking_id::text AS booking_id`
    if (row) await writeOutbox(tx, 'ticket.checked_in', { ticketId: row.id, bookingId: row.booking_id, eventId })
    return row
  })
  const ticket = await findDoorTicket(db, eventId, body.ticketCode)
  if (won && ticket) {
    await recordScan(db, { ...scan, ticketId: won.id, outcome: 'ADMITTED' })
    return admitted(ticket, now)
  }
  await recordScan(db, { ...scan, ticketId: ticket?.id ?? null, outcome: ticket ? 'ALREADY_CHECKED_IN' : 'UNKNOWN_TICKET' })
  if (!ticket) throw unknownTicket()
  throw alreadyIn(ticket)
}
