// An event's waiting-room settings: written by the organiser (with the event), read by every web
// process from memory (server/utils/waiting-room-directory.ts), so the hold path and a queued
// buyer's status never ask PostgreSQL whether a room is on.
import type { Db, Prisma } from '../../db/client.ts'
import type { WaitingRoomInput } from '../../../shared/schemas/queue.ts'
import type { QueuePhase, WaitingRoomDto } from '../../../shared/types/queue.ts'
import { DomainError } from '../errors.ts'
import { newSeed } from './fairness.ts'

export interface RoomSettings {
  eventId: string
  enabled: boolean
  highDemand: boolean
  opensAt: number
  salesStartAt: number
  admitPerMinute: number | null
  holdMinutes: number
  commitment: string
  drawn: boolean
  closedAt: number | null
  closedReason: 'SOLD_OUT' | 'DISABLED' | null
  /** The event is published, not cancelled or disabled, and not over. */
  onSale: boolean
}

type Tx = Prisma.TransactionClient

export function noWaitingRoom(): DomainError {
  return new DomainError('NOT_FOUND', 'This event has no waiting room.')
}

/** Where the room is at `now`. A disabled room is CLOSED (DISABLED): holds need no token. */
export function roomPhase(room: RoomSettings, now = Date.now()): QueuePhase {
  if (!room.enabled || room.closedAt !== null) return 'CLOSED'
  if (room.drawn) return 'SELLING'
  if (now < room.opensAt) return 'PENDING'
  return 'OPEN'
}

/**
 * While this holds, POST /api/holds needs an admission token of the caller's own. Whether the event
 * is on sale does not matter here (the claim refuses holds on events that are not), so a room known
 * from before its event was published guards the sale from the first moment.
 */
export function requiresAdmission(room: RoomSettings | undefined): boolean {
  return room !== undefined && room.enabled && room.closedAt === null
}

export function closedReasonOf(room: RoomSettings): 'SOLD_OUT' | 'DISABLED' | undefined {
  if (!room.enabled) return 'DISABLED'
  return room.closedReason ?? undefined
}

export function waitingRoomDto(room: RoomSettings, now = Date.now()): WaitingRoomDto {
  return {
    enabled: room.enabled,
    highDemand: room.highDemand,
    opensAt: new Date(room.opensAt).toISOString(),
    salesStartAt: new Date(room.salesStartAt).toISOString(),
    admitPerMinute: room.admitPerMinute,
    phase: roomPhase(room, now),
    commitment: room.commitment,
  }
}

/** The DTO straight from a row (the event page reads the room with the event). */
export function waitingRoomDtoOf(row: Prisma.WaitingRoomModel, now = Date.now()): WaitingRoomDto {
  const phase: QueuePhase = !row.enabled || row.closedAt ? 'CLOSED' : row.drawnAt ? 'SELLING' : now < row.opensAt.getTime() ? 'PENDING' : 'OPEN'
  return {
    enabled: row.enabled,
    highDemand: row.highDemand,
    opensAt: row.opensAt.toISOString(),
    salesStartAt: row.salesStartAt.toISOString(),
    admitPerMinute: row.admitPerMinute,
    phase,
    commitment: row.commitment,
  }
}

const ROOM_SELECT = {
  eventId: true, enabled: true, highDemand: true, opensAt: true, salesStartAt: true, admitPerMinute: true,
  commitment: true, drawnAt: true, closedAt: true, closedReason: true,
  event: { select: { holdMinutes: true, status: true, disabledAt: true, endsAt: true } },
} as const

type RoomRow = Prisma.WaitingRoomGetPayload<{ select: typeof ROOM_SELECT }>

function settingsOf(row: RoomRow, now: Date): RoomSettings {
  return {
    eventId: row.eventId,
    enabled: row.enabled,
    highDemand: row.highDemand,
    opensAt: row.opensAt.getTime(),
    salesStartAt: row.salesStartAt.getTime(),
    admitPerMinute: row.admitPerMinute,
    holdMinutes: row.event.holdMinutes,
    commitment: row.commitment,
    drawn: row.drawnAt !== null,
    closedAt: row.closedAt?.getTime() ?? null,
    closedReason: row.closedReason === 'SOLD_OUT' ? 'SOLD_OUT' : null,
    onSale: row.event.status === 'PUBLISHED' && row.event.disabledAt === null && row.event.endsAt > now,
  }
}

/** Every room a web process must know: those of events not over yet (a handful at any time). */
export async function loadRooms(db: Db, now = new Date()): Promise<RoomSettings[]> {
  const rows = await db.waitingRoom.findMany({ where: { event: { endsAt: { gt: now } } }, select: ROOM_SELECT })
  return rows.map(r => settingsOf(r, now))
}

export async function loadRoom(db: Db | Tx, eventId: string, now = new Date()): Promise<RoomSettings | undefined> {
  const row = await db.waitingRoom.findUnique({ where: { eventId }, select: ROOM_SELECT })
  return row ? settingsOf(row, now) : undefined
}

function invalid(path: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', 'Some fields are not valid.', { issues: [{ path, message }] })
}

/**
 * Creates or edits an event's room inside the event's own transaction. A high-demand event gets
 * the room on unless `enabled` says otherwise; without times, the sale starts now (no pre-queue:
 * everyone queues in arrival order). Times cannot move once the draw has happened. Returns whether
 * anything changed.
 */
export async function saveWaitingRoom(tx: Tx, eventId: string, body: { highDemand?: boolean, waitingRoom?: WaitingRoomInput }, now = new Date()): Promise<boolean> {
  if (body.highDemand === undefined && body.waitingRoom === undefined) return false
  const input = body.waitingRoom ?? {}
  const current = await tx.waitingRoom.findUnique({ where: { eventId } })
  const highDemand = body.highDemand ?? current?.highDemand ?? false
  const enabled = input.enabled ?? current?.enabled ?? highDemand
  const salesStartAt = input.salesStartAt ? new Date(input.salesStartAt) : current?.salesStartAt ?? now
  const opensAt = input.opensAt ? new Date(input.opensAt) : current?.opensAt ?? (salesStartAt < now ? salesStartAt : now)
  if (opensAt > salesStartAt) throw invalid('waitingRoom.opensAt', 'The waiting room opens before the sale starts.')
  const admitPerMinute = input.admitPerMinute === undefined ? current?.admitPerMinute ?? null : input.admitPerMinute
  if (current?.drawnAt && (salesStartAt.getTime() !== current.salesStartAt.getTime() || opensAt.getTime() !== current.opensAt.getTime())) {
    throw new DomainError('CONFLICT', 'The queue has already been drawn; its times can no longer change.', { reason: 'QUEUE_DRAWN' })
  }
  if (!current) {
    await tx.waitingRoom.create({ data: { eventId, enabled, highDemand, opensAt, salesStartAt, admitPerMinute, ...newSeed() } })
    return true
  }
  const same = current.enabled === enabled && current.highDemand === highDemand && current.admitPerMinute === admitPerMinute
    && current.opensAt.getTime() === opensAt.getTime() && current.salesStartAt.getTime() === salesStartAt.getTime()
  if (same) return false
  // Turning a closed room on again reopens it (an organiser's call, e.g. after adding places).
  const reopen = enabled && !current.enabled ? { closedAt: null, closedReason: null } : {}
  await tx.waitingRoom.update({ where: { eventId }, data: { enabled, highDemand, opensAt, salesStartAt, admitPerMinute, ...reopen } })
  return true
}
