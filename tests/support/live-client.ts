// GET /api/events/:id/live as a test reads it: its `availability` messages, with arrival times.
import { EventStream } from './event-stream.ts'

export interface AvailabilityMessage {
  eventId: string
  available: number
  total: number
  sections: { id: string, available: number }[]
  changes: { placeId: string, status: string }[]
}

export class LiveClient extends EventStream<AvailabilityMessage> {
  static open(base: string, eventId: string, token?: string): Promise<LiveClient> {
    return new LiveClient('availability').connect(`${base}/api/events/${eventId}/live`, token)
  }
}
