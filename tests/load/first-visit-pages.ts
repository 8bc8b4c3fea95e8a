// What bench:lighthouse and main-thread-trace.ts open a first visit on: an event page with a seated
// and a general-admission section, and a home page listing it with eight more events.
import { publishedEvent } from '../support/e2e-people.ts'

/** Seeds the events through the running server (E2E_BASE_URL); returns the event page's path. */
export async function seedFirstVisitPages(): Promise<string> {
  const event = await publishedEvent('Fado, Guitar and Song', [
    { name: 'Stalls', kind: 'SEATED', priceCents: 4500, currency: 'EUR', rows: 8, seatsPerRow: 20, entrance: 'Door A' },
    { name: 'Standing', kind: 'GA', priceCents: 2000, currency: 'EUR', capacity: 40 },
  ], { description: 'Lisbon\'s finest fado voices with Portuguese guitar.\nDoors open at 19:00.' })
  for (let i = 0; i < 8; i++) await publishedEvent(`Concert ${i}`, [{ name: 'Floor', kind: 'GA', priceCents: 1500, currency: 'EUR', capacity: 100 }])
  return `/events/${event.id}`
}
