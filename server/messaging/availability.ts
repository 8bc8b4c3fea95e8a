// Live seat maps: whoever frees, holds or sells places tells web instances over Redis pub/sub, on the
// event's channel. Web routes and workers (hold expiry, waitlist offers) publish the same message.
import type { Redis } from 'ioredis'
import { availabilityChannel } from './jobs.ts'

export interface PlaceChange {
  placeId: string
  status: 'AVAILABLE' | 'HELD' | 'BOOKED'
}

export interface AvailabilityMessage {
  eventId: string
  changes: PlaceChange[]
  /** Epoch milliseconds when the change was announced. */
  at: number
}

export async function publishAvailability(redis: Pick<Redis, 'publish'>, eventId: string, changes: PlaceChange[]): Promise<void> {
  const message: AvailabilityMessage = { eventId, changes, at: Date.now() }
  await redis.publish(availabilityChannel(eventId), JSON.stringify(message))
}
