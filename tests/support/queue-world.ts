// Waiting-room helpers for black-box tests: a room on a fresh event, joining, polling statuses, an
// SSE reader of a buyer's queue stream, and a fixed seed so a draw is deterministic.
import { createHash } from 'node:crypto'
import { api, baseUrl } from './http.ts'
import type { Db } from '../../server/db/client.ts'
import { EventStream } from './event-stream.ts'
import { createPublishedEvent, testDb, type TestEvent, type TestUser } from './fixtures.ts'

export interface Status {
  state: 'WAITING' | 'ADMITTED' | 'CLOSED'
  phase: string
  position: number | null
  ahead: number | null
  placesLeft: number | null
  queueLength: number
  admissionToken?: string
  admittedUntil?: string
  closedReason?: string
  waitlist?: boolean
  preQueue: boolean
  /** On an error answer. */
  code?: string
  details?: { reason?: string }
}

/** A published GA event of `places` places with a waiting room whose sale starts in `startsInMs`. */
export async function roomEvent(organiser: TestUser, places: number, options: { startsInMs?: number, admitPerMinute?: number | null, server?: string, holdMinutes?: number, db?: Db } = {}): Promise<TestEvent> {
  const event = await createPublishedEvent(organiser.id, [{ name: 'Floor', kind: 'GA', capacity: places }], { holdMinutes: options.holdMinutes, db: options.db })
  const salesStartAt = new Date(Date.now() + (options.startsInMs ?? 2_000)).toISOString()
  const res = await api('PATCH', `/api/events/${event.id}`, { token: organiser.token, base: options.server, body: { waitingRoom: { enabled: true, opensAt: new Date(Date.now() - 60_000).toISOString(), salesStartAt, admitPerMinute: options.admitPerMinute ?? null } } })
  if (res.status !== 200) throw new Error(`room not set: ${res.status} ${JSON.stringify(res.body)}`)
  return event
}

/** Replaces the room's seed (before the draw) with one derived from `label`, so the draw is reproducible. */
export async function fixSeed(eventId: string, label: string): Promise<string> {
  const seed = createHash('sha256').update(label).digest('hex')
  const commitment = createHash('sha256').update(Buffer.from(seed, 'hex')).digest('hex')
  await testDb().waitingRoom.update({ where: { eventId }, data: { seed, commitment } })
  return seed
}

export function join(eventId: string, buyer: TestUser, server?: string) {
  return api<Status>('POST', `/api/events/${eventId}/queue`, { token: buyer.token, base: server })
}

export function statusOf(eventId: string, buyer: TestUser, server?: string) {
  return api<Status>('GET', `/api/events/${eventId}/queue/me`, { token: buyer.token, base: server })
}

export async function until<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await probe()
    if (done(value)) return value
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms; last ${JSON.stringify(value)}`)
    await new Promise(r => setTimeout(r, 150))
  }
}

export function holdGa(event: TestEvent, buyer: TestUser, token?: string, server?: string) {
  return api('POST', '/api/holds', {
    token: buyer.token, base: server,
    headers: token ? { 'x-admission-token': token } : {},
    body: { eventId: event.id, ga: [{ sectionId: event.sections[0]!.id, quantity: 1 }] },
  })
}

/** Reads `status` messages of a buyer's queue stream. */
export class QueueStream extends EventStream<Status> {
  static open(eventId: string, buyer: TestUser, server = baseUrl()): Promise<QueueStream> {
    return new QueueStream('status').connect(`${server}/api/events/${eventId}/queue/stream`, buyer.token)
  }
}
