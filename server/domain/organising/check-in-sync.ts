// POST /api/events/:id/checkin/sync: scans a device admitted while offline, uploaded later. Each is
// applied in scannedAt order in its own transaction, under the ticket's row lock:
// - the same (device, code, scannedAt) again is a duplicate and changes nothing (unique index);
// - a ticket nobody had checked in is admitted at the device's scan time;
// - a ticket already admitted elsewhere was let in twice: the later admission is recorded as
//   CONFLICT — if this offline scan was the earlier one, the check-in moves to it and the other
//   admission becomes the conflict. Conflicts are reported for the organiser to follow up.
import type { Db, Prisma } from '../../db/client.ts'
import type { CheckInSyncBody } from '../../../shared/schemas/organising.ts'
import type { CheckInConflictDto, CheckInSyncResultDto, ScanOutcome, SyncedScanDto } from '../../../shared/types/organising.ts'
import { audit } from './audit-log.ts'
import { recordScan } from './check-in.ts'
import { requireEventRole, ROLES, type EventCaller } from './event-roles.ts'
import { findDoorTicket } from './ticket-at-door.ts'
import { writeOutbox } from '../../messaging/outbox.ts'

type Tx = Prisma.TransactionClient
interface Scan { ticketCode: string, scannedAt: string }

async function decide(tx: Tx, eventId: string, staffId: string, scanId: string, scan: Scan): Promise<ScanOutcome> {
  const at = new Date(scan.scannedAt)
  const ticket = await findDoorTicket(tx, eventId, scan.ticketCode, true)
  let outcome: ScanOutcome = 'ADMITTED'
  if (!ticket) {
    outcome = 'UNKNOWN_TICKET'
  } else if (ticket.checkedInAt && ticket.checkedInAt <= at) {
    outcome = 'CONFLICT'
  } else {
    if (ticket.checkedInAt) {
      // This offline admission came first: the one already recorded is the second entry.
      await tx.checkInScan.updateMany({ where: { ticketId: ticket.id, outcome: 'ADMITTED' }, data: { outcome: 'CONFLICT' } })
    }
    const admittedNow = !ticket.checkedInAt
    const row = await tx.ticket.update({ where: { id: ticket.id }, data: { checkedInAt: at, checkedInById: staffId }, select: { bookingId: true } })
    // Only a first admission is news; moving an existing check-in to an earlier scan is not.
    if (admittedNow) await writeOutbox(tx, 'ticket.checked_in', { ticketId: ticket.id, bookingId: row.bookingId, eventId })
  }
  await tx.checkInScan.update({ where: { id: scanId }, data: { outcome, ticketId: ticket?.id ?? null } })
  return outcome
}

async function applyScan(db: Db, eventId: string, staffId: string, deviceId: string, scan: Scan): Promise<SyncedScanDto> {
  const scannedAt = new Date(scan.scannedAt)
  return db.$transaction(async (tx) => {
    // Inserted first, so a concurrent upload of the same scan waits on the unique index and then sees a duplicate.
    const scanId = await recordScan(tx, { eventId, ticketId: null, code: scan.ticketCode, staffId, deviceId, scannedAt, outcome: 'UNKNOWN_TICKET' })
    if (!scanId) {
      const earlier = await tx.checkInScan.findFirst({ where: { deviceId, code: scan.ticketCode, scannedAt } })
      return { ...scan, outcome: earlier?.outcome ?? 'UNKNOWN_TICKET', duplicate: true }
    }
    return { ...scan, outcome: await decide(tx, eventId, staffId, scanId, scan), duplicate: false }
  })
}

/** Every ticket among `codes` that was admitted more than once, with who admitted it when. */
async function conflictsOf(db: Db, eventId: string, codes: string[]): Promise<CheckInConflictDto[]> {
  if (codes.length === 0) return []
  const scans = await db.checkInScan.findMany({
    where: { eventId, code: { in: codes }, outcome: { in: ['ADMITTED', 'CONFLICT'] } },
    orderBy: [{ scannedAt: 'asc' }, { id: 'asc' }],
  })
  const byCode = Map.groupBy(scans, s => s.code)
  const conflicted = [...byCode].filter(([, list]) => list.some(s => s.outcome === 'CONFLICT'))
  return Promise.all(conflicted.map(async ([code, list]) => {
    const ticket = await findDoorTicket(db, eventId, code)
    return {
      ticketCode: code,
      devices: list.map(s => s.deviceId ?? 'online'),
      times: list.map(s => s.scannedAt.toISOString()),
      seat: ticket ? `${ticket.seat.section} ${ticket.seat.label}` : null,
      holder: ticket?.holder.name ?? null,
    }
  }))
}

export async function syncScans(db: Db, eventId: string, caller: EventCaller, body: CheckInSyncBody): Promise<CheckInSyncResultDto> {
  await requireEventRole(db, eventId, caller, ROLES.door)
  const ordered = [...body.scans].sort((a, b) => Date.parse(a.scannedAt) - Date.parse(b.scannedAt))
  const results: SyncedScanDto[] = []
  for (const scan of ordered) results.push(await applyScan(db, eventId, caller.userId, body.deviceId, scan))
  const fresh = results.filter(r => !r.duplicate)
  const conflicts = await conflictsOf(db, eventId, [...new Set(results.map(r => r.ticketCode))])
  if (fresh.length) {
    await audit(db, {
      actorId: caller.userId, eventId, action: 'checkin.synced',
      data: { deviceId: body.deviceId, scans: fresh.length, admitted: fresh.filter(r => r.outcome === 'ADMITTED').length, conflicts: fresh.filter(r => r.outcome === 'CONFLICT').length },
    })
  }
  return { results, conflicts }
}
