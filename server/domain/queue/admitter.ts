// The admitter: on each tick, for every active room, it draws the pre-queue when the sale starts,
// counts the places left, closes the room at sell-out and admits the next buyers (admission-policy.ts).
// One web process at a time runs it (a Redis lease, queue-runtime in server/utils); the others only
// serve statuses. Its few queries per tick are the only PostgreSQL cost of a queue, whatever its length.
import type { Db } from '../../db/client.ts'
import type { LogLike } from '../ports.ts'
import type { QueueProgressMessage } from '../../messaging/pubsub.ts'
import { admissionsNow } from './admission-policy.ts'
import { closeRoom, drawInDatabase, placeCounts, rebuildInput, recordAdmitted, recordPositions } from './queue-entries.ts'
import { admitNext, drawLine, readCounters, rebuildLine, writeRoomFigures, type QueueRedis } from './queue-store.ts'
import { requiresAdmission, type RoomSettings } from './room-settings.ts'

export interface AdmitterDeps {
  db: Db
  redis: QueueRedis
  log: LogLike
  publishProgress(message: QueueProgressMessage): Promise<void>
  /** The room's settings or state changed (drawn, closed): every instance reloads it. */
  roomChanged(eventId: string): Promise<void>
}

interface RoomState {
  target: number
  carry: number
  lastTickAt: number
  lastDecisions: number
  decisionRate: number
  /** Admissions in the last ten seconds, for the rate shown. */
  admitted: { at: number, n: number }[]
  /** Best and smoothed time of the count query, the health signal of the automatic pace. */
  bestCountMs: number
  countMs: number
  freeAtDraw: number | null
  lastPublished: string
  lastPublishedAt: number
}

const RATE_WINDOW_MS = 10_000
/** A quiet room is still announced this often, so a page's estimate keeps moving. */
const HEARTBEAT_MS = 2_000

export class Admitter {
  private readonly state = new Map<string, RoomState>()

  constructor(private readonly deps: AdmitterDeps) {}

  /** Forgets what it measured (leadership moved away: the next leader starts afresh). */
  reset(): void {
    this.state.clear()
  }

  async tick(rooms: Iterable<RoomSettings>, now = Date.now()): Promise<void> {
    for (const room of rooms) {
      if (!requiresAdmission(room) || !room.onSale || now < room.opensAt) continue
      try {
        await this.tickRoom(room, now)
      } catch (err) {
        this.deps.log.warn({ eventId: room.eventId, err: (err as Error).message }, 'queue admitter tick failed')
      }
    }
  }

  /** Loads the queue into Redis from PostgreSQL when Redis does not have it (after a restart or a flush). */
  async rebuild(eventId: string): Promise<void> {
    const input = await rebuildInput(this.deps.db, eventId)
    if (input) await rebuildLine(this.deps.redis, eventId, input)
  }

  private roomState(eventId: string, now: number): RoomState {
    let s = this.state.get(eventId)
    if (!s) {
      s = { target: 0, carry: 0, lastTickAt: now, lastDecisions: -1, decisionRate: 0, admitted: [], bestCountMs: Infinity, countMs: 0, freeAtDraw: null, lastPublished: '', lastPublishedAt: 0 }
      this.state.set(eventId, s)
    }
    return s
  }

  private async tickRoom(room: RoomSettings, now: number): Promise<void> {
    const { db, redis } = this.deps
    const { eventId } = room
    const s = this.roomState(eventId, now)
    let counters = await readCounters(redis, eventId, now)
    if (!counters.built) {
      this.deps.log.info({ eventId }, 'queue not in Redis: rebuilding it from PostgreSQL')
      await this.rebuild(eventId)
      counters = await readCounters(redis, eventId, now)
    }
    if (counters.closed) return
    if (!counters.drawn) {
      // A fixed rate counts from the draw: the first buyer is let in one interval after the start.
      s.lastTickAt = now
      if (now < room.salesStartAt) {
        await this.announce(room, s, now, { drawn: false, tail: 0, cursor: 0, placesLeft: null, preSize: counters.preSize + counters.lateSize })
        return
      }
      const ordered = await drawInDatabase(db, eventId)
      const late = await drawLine(redis, eventId, ordered)
      await recordPositions(db, eventId, late)
      this.deps.log.info({ eventId, prequeue: ordered.length, late: late.length }, 'queue drawn')
      await this.deps.roomChanged(eventId)
      counters = await readCounters(redis, eventId, now)
    }

    const started = performance.now()
    const counts = await placeCounts(db, eventId)
    const countMs = performance.now() - started
    s.bestCountMs = Math.min(s.bestCountMs, countMs)
    s.countMs = s.countMs === 0 ? countMs : s.countMs * 0.7 + countMs * 0.3
    s.freeAtDraw ??= counts.free

    if (counts.free === 0 && counts.held === 0) {
      if (await closeRoom(db, eventId, 'SOLD_OUT')) this.deps.log.info({ eventId }, 'queue closed: sold out')
      await writeRoomFigures(redis, eventId, { closed: 1, closedReason: 'SOLD_OUT', placesLeft: 0, held: 0 })
      await this.deps.roomChanged(eventId)
      await this.announce(room, s, now, { drawn: true, tail: counters.tail, cursor: counters.cursor, placesLeft: 0, preSize: 0, closed: true })
      return
    }

    const elapsedMs = Math.max(1, now - s.lastTickAt)
    s.lastTickAt = now
    if (s.lastDecisions >= 0) {
      const perSecond = Math.max(0, counters.decisions - s.lastDecisions) * 1000 / elapsedMs
      s.decisionRate = s.decisionRate * 0.6 + perSecond * 0.4
    }
    s.lastDecisions = counters.decisions
    const taken = Math.max(0, s.freeAtDraw - counts.free)
    const decision = admissionsNow({
      free: counts.free,
      held: counts.held,
      lapseShare: counts.lapsed + counts.booked >= 10 ? counts.lapsed / (counts.lapsed + counts.booked) : 0,
      // Places per granted hold: a refused attempt took nothing, but its buyer wanted as much.
      placesPerBuyer: counters.granted >= 10 ? Math.max(1, taken / counters.granted) : 1,
      outstanding: counters.outstanding,
      waiting: counters.tail - counters.cursor,
      admitPerMinute: room.admitPerMinute,
      decisionRate: s.decisionRate,
      healthy: s.countMs < Math.max(200, 10 * s.bestCountMs),
      target: s.target,
      carry: s.carry,
      elapsedMs,
    })
    s.target = decision.target
    s.carry = decision.carry
    let cursor = counters.cursor
    if (decision.admit > 0) {
      const windowEnd = now + room.holdMinutes * 60_000
      const { from, to } = await admitNext(redis, eventId, decision.admit, now, windowEnd)
      if (to > from) {
        await recordAdmitted(db, eventId, from, to, new Date(now))
        s.admitted.push({ at: now, n: to - from })
        cursor = to
      }
    }
    s.admitted = s.admitted.filter(a => a.at > now - RATE_WINDOW_MS)
    const rate = Math.round(s.admitted.reduce((sum, a) => sum + a.n, 0) * 60_000 / RATE_WINDOW_MS)
    await writeRoomFigures(redis, eventId, {
      placesLeft: counts.free, held: counts.held, rate, target: room.admitPerMinute === null ? s.target : '',
      inProgress: counters.outstanding + Math.max(0, cursor - counters.cursor),
    })
    await this.announce(room, s, now, { drawn: true, tail: counters.tail, cursor, admittedFrom: counters.cursor, placesLeft: counts.free, preSize: 0, rate })
  }

  private async announce(room: RoomSettings, s: RoomState, now: number, figures: { drawn: boolean, tail: number, cursor: number, admittedFrom?: number, placesLeft: number | null, preSize: number, rate?: number, closed?: boolean }): Promise<void> {
    const message: QueueProgressMessage = {
      eventId: room.eventId,
      drawn: figures.drawn,
      tail: figures.tail,
      cursor: figures.cursor,
      admittedFrom: figures.admittedFrom ?? figures.cursor,
      placesLeft: figures.placesLeft,
      rate: figures.rate ?? 0,
      preSize: figures.preSize,
      closed: figures.closed ?? false,
      closedReason: figures.closed ? 'SOLD_OUT' : null,
      at: now,
    }
    const { at: _at, admittedFrom: _from, ...content } = message
    const key = JSON.stringify(content)
    if (key === s.lastPublished && now - s.lastPublishedAt < HEARTBEAT_MS) return
    s.lastPublished = key
    s.lastPublishedAt = now
    await this.deps.publishProgress(message)
  }
}
