// Live availability fan-out for one web process. The process's pub/sub bus hears every instance's
// and worker's availability announcements (AfterCommit.placesChanged), so a change made anywhere
// reaches the viewers connected here. Per event, bursts of changes are coalesced: at most one
// count query per COALESCE_MS, its answer shared by all of this process's viewers of that event.
import { liveCounts } from '../domain/events/availability.ts'
import { TOPICS, type AvailabilityMessage } from '../messaging/pubsub.ts'
import type { AvailabilityMessageDto, PlaceChangeDto } from '../../shared/types/live.ts'
import { useDb } from './db.ts'
import { useLogger } from '../observability/logger.ts'
import { usePubSub } from './pubsub.ts'
import { useRefusalMemo } from './refusal-memo.ts'

const COALESCE_MS = 150

type LiveListener = (message: AvailabilityMessageDto) => void

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
let listening: (() => void) | undefined

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
    useLogger().warn({ eventId, err: (err as Error).message }, 'live availability recount failed')
  } finally {
    room.busy = false
  }
}

function heard(message: AvailabilityMessage): void {
  // Freed places must not be refused from memory: forget what this process remembered of the event.
  if (message.changes.some(c => c.status === 'AVAILABLE')) useRefusalMemo()?.forgetEvent(message.eventId)
  const room = rooms.get(message.eventId)
  if (!room) return
  for (const change of message.changes) room.pending.set(change.placeId, change.status)
  // The first change after a quiet spell goes out at once; a burst waits for the window to pass.
  room.timer ??= setTimeout(() => void broadcast(message.eventId, room), Math.max(0, room.lastRunAt + COALESCE_MS - Date.now()))
}

/** Listens from boot (the plugin), so no announcement is missed while a first viewer connects. */
export function startLiveAvailability(): void {
  listening ??= usePubSub().on(TOPICS.availability, heard)
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

export function closeLiveAvailability(): void {
  for (const room of rooms.values()) clearTimeout(room.timer)
  rooms.clear()
  listening?.()
  listening = undefined
}
