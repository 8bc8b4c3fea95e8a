// Every Redis pub/sub message Bookify sends, named and shaped once. Publishers (web routes through
// the after-commit port, workers) call publish(); each web process's one subscriber connection
// (server/messaging/pubsub-bus.ts) validates what it hears against the same schema before any
// handler sees it. Pub/sub is only ever a nudge: PostgreSQL holds the truth (invariant 2), and a
// lost message costs a live view a moment of staleness, never a wrong sale.
import type { Redis } from 'ioredis'
import { z } from 'zod'

const placeStatus = z.enum(['AVAILABLE', 'HELD', 'BOOKED'])

const placeChange = z.object({ placeId: z.string(), status: placeStatus })
export type PlaceChange = z.infer<typeof placeChange>

/** Places of one event changed status (held, booked, freed). */
const availabilityMessage = z.object({
  eventId: z.string(),
  changes: z.array(placeChange),
  /** Epoch milliseconds when the change was announced. */
  at: z.number(),
})
export type AvailabilityMessage = z.infer<typeof availabilityMessage>

/** An account was disabled (ISO time) or enabled again (null); every instance updates its list. */
const accountStatusMessage = z.object({ userId: z.string(), disabledAt: z.string().nullable() })
export type AccountStatusMessage = z.infer<typeof accountStatusMessage>

/** A new search index snapshot was stored; instances load the newest of their own database. */
const searchSnapshotMessage = z.object({ version: z.number().int().positive() })

/** A notification was stored for a user; instances push it to that user's open streams. */
const notificationStreamMessage = z.object({
  userId: z.string(),
  notification: z.object({
    id: z.string(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    readAt: z.string().nullable(),
    createdAt: z.string(),
  }),
})
export type NotificationStreamMessage = z.infer<typeof notificationStreamMessage>

/**
 * An event's public face changed (published, edited, cancelled, disabled or enabled): every instance
 * drops what it cached of the event and of the catalogue.
 */
export const eventChangedMessage = z.object({ eventId: z.string() })
export type EventChangedMessage = z.infer<typeof eventChangedMessage>

/** An event's waiting-room settings or state changed; instances reload that room (a handful per minute). */
export const queueRoomMessage = z.object({ eventId: z.string() })
export type QueueRoomMessage = z.infer<typeof queueRoomMessage>

/**
 * The admitter's view of one event's queue after a tick: each instance recomputes every connected
 * buyer's place from it in memory (their position is fixed; only the cursor moves), so a live
 * queue page costs no query per message.
 */
export const queueProgressMessage = z.object({
  eventId: z.string(),
  drawn: z.boolean(),
  /** Last position in line. */
  tail: z.number().int(),
  /** Positions 1..cursor have been admitted; those after admittedFrom were admitted at `at`. */
  cursor: z.number().int(),
  admittedFrom: z.number().int(),
  placesLeft: z.number().int().nullable(),
  /** Admissions per minute recently. */
  rate: z.number(),
  /** Before the draw: accounts in the pre-queue. */
  preSize: z.number().int(),
  closed: z.boolean(),
  closedReason: z.string().nullable(),
  at: z.number(),
})
export type QueueProgressMessage = z.infer<typeof queueProgressMessage>

/**
 * A topic is a channel (or, when keyed, a family of channels `<prefix>:<key>` heard through one
 * pattern subscription) and the schema of its messages.
 */
export interface Topic<T> {
  readonly name: string
  readonly keyed: boolean
  readonly schema: z.ZodType<T>
}

function topic<T>(name: string, schema: z.ZodType<T>, keyed = false): Topic<T> {
  return { name, schema, keyed }
}

export const TOPICS = {
  /** Keyed by event id, so publishing costs nothing where nobody follows that event. */
  availability: topic('bookify:availability', availabilityMessage, true),
  accountStatus: topic('bookify:account-status', accountStatusMessage),
  searchSnapshot: topic('bookify:search:snapshot', searchSnapshotMessage),
  notifications: topic('bookify:notifications', notificationStreamMessage),
  queueRoom: topic('bookify:queue:room', queueRoomMessage),
  eventChanged: topic('bookify:event:changed', eventChangedMessage),
  /** Keyed by event id, like availability. */
  queueProgress: topic('bookify:queue:progress', queueProgressMessage, true),
} as const

/** The channel a message goes out on (`key` only for keyed topics). */
export function channelOf(t: Topic<unknown>, key?: string): string {
  if (t.keyed !== (key !== undefined)) throw new Error(`topic ${t.name} ${t.keyed ? 'needs' : 'takes no'} key`)
  return t.keyed ? `${t.name}:${key}` : t.name
}

/** What a subscription listens on: the channel, or for keyed topics the pattern of all its channels. */
export function subscriptionOf(t: Topic<unknown>): { channel: string, pattern: boolean } {
  return t.keyed ? { channel: `${t.name}:*`, pattern: true } : { channel: t.name, pattern: false }
}

export type Publisher = Pick<Redis, 'publish'>

export async function publish<T>(redis: Publisher, t: Topic<T>, message: T, key?: string): Promise<void> {
  await redis.publish(channelOf(t as Topic<unknown>, key), JSON.stringify(message))
}

export function announceAvailability(redis: Publisher, eventId: string, changes: PlaceChange[]): Promise<void> {
  return publish(redis, TOPICS.availability, { eventId, changes, at: Date.now() }, eventId)
}
