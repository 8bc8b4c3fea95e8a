// What the domain needs from the outside world, declared here so that domain functions stay
// framework-free and the web process and the workers plug in their own connections.
//
// AfterCommit is the one way a domain function reaches past PostgreSQL once its transaction has
// committed. Every effect here is a nudge, never the truth: PostgreSQL already holds the new state,
// lazy expiry and the cleanup worker's sweep cover a lost job, live views catch up on their next
// message, and the cleanup worker offers freed places to the waitlist again from RabbitMQ. So an
// implementation never throws: it logs what it could not do and returns.
import type { Prisma } from '../db/client.ts'
import type { NotificationStreamMessage, PlaceChange } from '../messaging/pubsub.ts'

export type { PlaceChange }

export interface AfterCommit {
  /**
   * Places of an event changed status. Announces them to every web instance's live views; when
   * some were freed (AVAILABLE), every instance's refusal memo forgets the event, the places are
   * offered to the waitlist, and each offer's expiry is scheduled and announced in turn. Any path
   * that frees places calls this, so none can skip a step.
   */
  placesChanged(eventId: string, changes: PlaceChange[]): Promise<void>
  /** A hold (a waitlist offer is a hold too) should be expired just after `expiresAt`. */
  scheduleHoldExpiry(holdId: string, expiresAt: Date): Promise<void>
  /** An account was disabled (or enabled again): every web instance ends (or allows) its sessions. */
  accountStatusChanged(userId: string, disabledAt: Date | null): Promise<void>
  /** A notification was stored: push it to the user's open streams on every web instance. */
  notificationStored(message: NotificationStreamMessage): Promise<void>
  /** An event's waiting room was created, edited, drawn or closed: every web instance reloads it. */
  waitingRoomChanged(eventId: string): Promise<void>
  /**
   * What the public sees of an event changed (published, edited, cancelled, disabled, enabled):
   * every web instance drops its cached reads of the event and of the catalogue.
   */
  eventChanged(eventId: string): Promise<void>
}

/** The part of pino's logger the domain uses, so tests can pass a recorder. */
export interface LogLike {
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
}

export type Tx = Prisma.TransactionClient

/** Runs a DB effect in one transaction; in the consumer runtime it also records the message as processed. */
export type TxRunner = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>

/** Changes of one status for many places, the common case. */
export function placesNow(placeIds: readonly string[], status: PlaceChange['status']): PlaceChange[] {
  return placeIds.map(placeId => ({ placeId, status }))
}
