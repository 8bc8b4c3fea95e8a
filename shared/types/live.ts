import type { PlaceStatus } from './event'

export interface PlaceChangeDto {
  placeId: string
  status: PlaceStatus
}

/** Counts of free places right now: the event's and each section's. */
export interface LiveCountsDto {
  eventId: string
  available: number
  total: number
  sections: { id: string, available: number }[]
}

/**
 * The data of one `availability` Server-Sent Event of GET /api/events/:id/live. The first one after
 * connecting has no changes; later ones list the places that changed since the previous message.
 */
export interface AvailabilityMessageDto extends LiveCountsDto {
  changes: PlaceChangeDto[]
}
