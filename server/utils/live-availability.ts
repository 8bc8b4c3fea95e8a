// Live availability fan-out for one web process. Every instance psubscribes once to the event
// channels that announceAvailability() publishes on, so a change made through any instance reaches
// the viewers connected to every other one. Per event, bursts of changes are coalesced: at most one
// count query per COALESCE_MS, its answer shared by all of this process's viewers of that event.
import { Redis } from 'ioredis'
import { config } from '../config/env.ts'
import { AVAILABILITY_CHANNEL_PATTERN } from '../messaging/jobs.ts'
import { liveCounts } from '../domain/events/availability.ts'
import type { AvailabilityMessageDto, PlaceChangeDto } from '../../shared/types/live.ts'
import { useDb } from './db.ts'
import { useRefusalMemo } from './refusal-memo.ts'

export const COALESCE_MS = 150

export type LiveListener = (message: AvailabilityMessageDto) => void

interface Room {
  listeners: Set<LiveListener>
  /** Changes heard since the last broadcast, by place (the latest status wins). */
  pending: Map<string, PlaceChangeDto['status']>
  timer?: ReturnType<typeof setTimeout>
  lastRunAt: number
  /** A recount in flight: the next one waits for it, so viewers never get older counts after newer. */
  busy: boolean
}

const rooms = new Map<string, Room>()
let subscriber: Redis | undefined

function warn(msg: string, err: unknown) {
  console.warn(JSON.stringify({ level: 'warn', msg, err: (err as Error)?.message }))
}

function parse(raw: string): { eventId: string, changes: PlaceChangeDto[] } | undefined {
  try {
    const data = JSON.parse(raw) as { eventId?: unknown, changes?: unknown }
    if (typeof data.eventId !== 'string' || !Array.isArray(data.changes)) return undefined
    const changes = data.changes.filter((c): c is PlaceChangeDto => typeof c?.placeId === 'string' && ['AVAILABLE', 'HELD', 'BOOKED'].includes(c?.status))
    return { eventId: data.eventId, changes }
  } catch {
    return undefined
  }
}

async function broadcast(eventId: string, room: Room): Promise<void> {
  if (room.busy) {
    room.timer = setTimeout(() => void broadcast(eventId, room), COALESCE_MS)
    return
  }
  room.timer = undefined
  room.busy = true
  room.lastRunAt = Date.now()
  const changes = [...room.pending].map(([placeId, status]) => ({ placeId, status }))
  room.pending.clear()
  try {
    const message: AvailabilityMessageDto = { ...await liveCounts(useDb(), eventId), changes }
    for (const listener of room.listeners) listener(message)
  } catch (err) {
    warn('live availability recount failed', err)
  } finally {
    room.busy = false
  }
}

function heard(raw: string): void {
  const message = parse(raw)
  // Freed places must not be refused from memory: forget what this process remembered of the event.
  if (message?.changes.some(c => c.status === 'AVAILABLE')) useRefusalMemo()?.forgetEvent(message.eventId)
  const room = message && rooms.get(message.eventId)
  if (!message || !room) return
  for (const change of message.changes) room.pending.set(change.placeId, change.status)
  // The first change after a quiet spell goes out at once; a burst waits for the window to pass.
  room.timer ??= setTimeout(() => void broadcast(message.eventId, room), Math.max(0, room.lastRunAt + COALESCE_MS - Date.now()))
}

/** Connects this process's one subscriber (at boot, from the plugin; else on first use). */
export function startLiveAvailability(): void {
  if (subscriber) return
  subscriber = new Redis(config().redisUrl, { maxRetriesPerRequest: null })
  let down = false
  subscriber.on('error', (err) => {
    if (!down) warn('live availability: Redis unavailable, streams stay open without updates', err)
    down = true
  })
  subscriber.on('ready', () => { down = false })
  subscriber.on('pmessage', (_pattern: string, _channel: string, raw: string) => heard(raw))
  subscriber.psubscribe(AVAILABILITY_CHANNEL_PATTERN).catch(err => warn('live availability psubscribe failed', err))
}

/** Starts sending an event's availability changes to `listener`; returns the function that stops it. */
export function followAvailability(eventId: string, listener: LiveListener): () => void {
  startLiveAvailability()
  let room = rooms.get(eventId)
  if (!room) rooms.set(eventId, (room = { listeners: new Set(), pending: new Map(), lastRunAt: 0, busy: false }))
  room.listeners.add(listener)
  return () => {
    room.listeners.delete(listener)
    if (room.listeners.size > 0 || rooms.get(eventId) !== room) return
    clearTimeout(room.timer)
    rooms.delete(eventId)
  }
}

export async function closeLiveAvailability(): Promise<void> {
  for (const room of rooms.values()) clearTimeout(room.timer)
  rooms.clear()
  const closing = subscriber
  subscriber = undefined
  await closing?.quit().catch(() => closing.disconnect())
}
