import type { EventSummaryDto } from '../../../shared/types/event.ts'
import type { Availability } from './availability.ts'

interface SummaryRow {
  id: string
  title: string
  category: string
  status: EventSummaryDto['status']
  startsAt: Date
  endsAt: Date
  timezone: string
  venueName: string
  venueAddress: string
  city: string
  /** Sections ordered cheapest first (only the first is read). */
  sections: { priceCents: number, currency: string }[]
}

/** The catalogue card of an event, as every list of events shows it. */
export function toEventSummary(e: SummaryRow, availability: Availability): EventSummaryDto {
  const cheapest = e.sections[0]
  return {
    id: e.id,
    title: e.title,
    category: e.category,
    status: e.status,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    timezone: e.timezone,
    venue: { name: e.venueName, address: e.venueAddress, city: e.city },
    priceFrom: cheapest ? { amountCents: cheapest.priceCents, currency: cheapest.currency } : null,
    availability,
  }
}
