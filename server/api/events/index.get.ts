import { listEventsQuery } from '../../../shared/schemas/events.ts'
import { listPublicEvents } from '../../domain/events/list-events.ts'
import { config } from '../../config/env.ts'

export default defineEventHandler((event) => {
  const query = queryValid(event, listEventsQuery)
  // One entry per distinct query, keyed by its parsed form (defaults filled, order fixed).
  const key = `events:${JSON.stringify(Object.entries(query).sort(([a], [b]) => a.localeCompare(b)))}`
  return servePublicRead(event, {
    spec: { key, scopes: [CATALOGUE], ttlMs: config().readCacheMs, load: () => listPublicEvents(useDb(), query) },
    policy: LIVE_READ,
    backstage: () => listPublicEvents(useDb(), query),
  })
})
