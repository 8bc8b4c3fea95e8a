// A small catalogue for the search unit tests, built and loaded exactly as the server does it.
import { buildSearchPayload, type SearchSource } from '../../server/domain/search/build-payload.ts'
import { loadSearch, type LoadedSearch } from '../../shared/search/load-search.ts'

export const NOW = Date.parse('2027-03-01T12:00:00Z')
const DAY = 86_400_000

type Spec = Partial<SearchSource> & Pick<SearchSource, 'title' | 'category' | 'city'> & { inDays: number }

function source(i: number, { inDays, ...spec }: Spec): SearchSource {
  const startsAt = new Date(NOW + inDays * DAY)
  return {
    id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
    description: '',
    organiserName: 'Bookify Demo',
    venueName: 'Town Hall',
    timezone: 'Europe/Berlin',
    priceFrom: { amountCents: 2000, currency: 'EUR' },
    startsAt,
    endsAt: new Date(startsAt.getTime() + 3 * 3_600_000),
    ...spec,
  }
}

export const EVENTS: SearchSource[] = [
  { title: 'Jazz Night at the Harbour', category: 'Music', city: 'Berlin', inDays: 5, venueName: 'Columbiahalle', organiserName: 'Blue Note Productions', description: 'Smooth saxophone and a late bar by the water.', priceFrom: { amountCents: 2500, currency: 'EUR' } },
  { title: 'Harbour Lights Festival', category: 'Music', city: 'Lisbon', inDays: 10, venueName: 'LX Factory', description: 'Three stages of folk, soul and jazz along the river.', priceFrom: { amountCents: 4000, currency: 'EUR' } },
  { title: 'Running Club: Marathon Training', category: 'Sports', city: 'London', inDays: 2, venueName: 'Victoria Park', description: 'Easy long runs for every pace.', priceFrom: null },
  { title: "Shakespeare's Much Ado About Nothing", category: 'Theatre', city: 'London', inDays: 20, venueName: 'Barbican Theatre', description: 'A comedy of wits in a seaside hotel.', priceFrom: { amountCents: 4500, currency: 'GBP' } },
  { title: 'Café Métro Stand-Up', category: 'Comedy', city: 'Paris', inDays: 3, venueName: 'Le Point Virgule', description: 'Five comics on bakeries and bureaucracy.', priceFrom: { amountCents: 1500, currency: 'EUR' } },
  { title: 'Old Jazz Memories', category: 'Music', city: 'Berlin', inDays: -2, description: 'Already over.' },
  { title: 'Photography Exhibition: Concerts in Black and White', category: 'Art', city: 'Berlin', inDays: 40, venueName: 'C/O Berlin', description: 'Fifty years of live music on film.', priceFrom: { amountCents: 1200, currency: 'EUR' } },
].map((spec, i) => source(i, spec))

export function fixtureSearch(events: SearchSource[] = EVENTS): LoadedSearch {
  // Through JSON, as a snapshot travels.
  return loadSearch(JSON.parse(JSON.stringify(buildSearchPayload(events, new Date(NOW)))))
}
