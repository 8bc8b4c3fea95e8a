// Live queue pages of this web process. The admitter announces each room's progress on the pub/sub
// bus (TOPICS.queueProgress); here every connected buyer's status is recomputed from it in memory —
// a buyer's position does not change once given, only the cursor does — and sent when it changed.
// Only two moments reach Redis: right after the draw (all positions of the room in one ZMSCORE)
// and when a buyer is admitted (their admission time, once). PostgreSQL: never.
import type { QueueStatusDto } from '../../shared/types/queue.ts'
import { factsFromProgress, statusFromFacts } from '../domain/queue/queue-status.ts'
import { positionsOf, readLine } from '../domain/queue/queue-store.ts'
import { TOPICS, type QueueProgressMessage } from '../messaging/pubsub.ts'
import { config } from '../config/env.ts'
import { useLogger } from '../observability/logger.ts'
import { usePubSub } from './pubsub.ts'
import { useRedis } from './redis.ts'
import { useWaitingRooms } from './waiting-room-directory.ts'

export interface QueueWatcher {
  userId: string
  position: number | null
  waiting: 'PRE' | 'LATE' | null
  admittedAt: number | null
  send(status: QueueStatusDto): void
  /** What was last sent, minus the token (re-signed each time), to skip unchanged messages. */
  lastKey?: string
}

interface LiveRoom {
  watchers: Set<QueueWatcher>
  /** The newest progress not yet applied; one application runs at a time per room. */
  pending?: QueueProgressMessage
  busy: boolean
}

const rooms = new Map<string, LiveRoom>()
let listening: (() => void) | undefined

function keyOf(s: QueueStatusDto): string {
  return `${s.state}|${s.phase}|${s.salesStartAt}|${s.position}|${s.ahead}|${s.etaSeconds}|${s.placesLeft}|${s.queueLength}|${s.lapsed ?? ''}|${s.admittedUntil ?? ''}`
}

export function sendIfChanged(watcher: QueueWatcher, status: QueueStatusDto): void {
  const key = keyOf(status)
  if (key === watcher.lastKey) return
  watcher.lastKey = key
  watcher.send(status)
}

async function apply(eventId: string, live: LiveRoom, progress: QueueProgressMessage): Promise<void> {
  const room = useWaitingRooms().get(eventId)
  if (!room) return
  const redis = useRedis()
  const watchers = [...live.watchers]
  if (progress.drawn) {
    const unplaced = watchers.filter(w => w.position === null)
    const positions = await positionsOf(redis, eventId, unplaced.map(w => w.userId))
    unplaced.forEach((w, i) => {
      w.position = positions[i] ?? null
      if (w.position !== null) w.waiting = null
    })
  }
  const secret = config().authSecret
  const now = Date.now()
  for (const w of watchers) {
    if (w.position !== null && w.position <= progress.cursor && w.admittedAt === null) {
      // Let in by this very announcement: its time is the admission time; otherwise ask Redis.
      w.admittedAt = w.position > progress.admittedFrom ? progress.at : (await readLine(redis, eventId, w.userId)).admittedAt ?? now
    }
    const status = await statusFromFacts(room, factsFromProgress(progress, w.position, w.waiting, w.admittedAt), w.userId, secret, now)
    if (status) sendIfChanged(w, status)
  }
}

async function drain(eventId: string, live: LiveRoom): Promise<void> {
  if (live.busy) return
  live.busy = true
  try {
    while (live.pending) {
      const progress = live.pending
      live.pending = undefined
      await apply(eventId, live, progress).catch(err => useLogger().warn({ eventId, err: (err as Error).message }, 'queue live update failed'))
    }
  } finally {
    live.busy = false
  }
}

function heard(progress: QueueProgressMessage): void {
  const live = rooms.get(progress.eventId)
  if (!live) return
  live.pending = progress
  void drain(progress.eventId, live)
}

/** Follows a room for one connected buyer; returns the function that stops it. */
export function watchQueue(eventId: string, watcher: QueueWatcher): () => void {
  listening ??= usePubSub().on(TOPICS.queueProgress, heard)
  let live = rooms.get(eventId)
  if (!live) rooms.set(eventId, (live = { watchers: new Set(), busy: false }))
  live.watchers.add(watcher)
  return () => {
    live.watchers.delete(watcher)
    if (live.watchers.size === 0 && rooms.get(eventId) === live) rooms.delete(eventId)
  }
}

export function closeQueueLive(): void {
  rooms.clear()
  listening?.()
  listening = undefined
}
