// The cached reads behind the seat-map routes (v1 and the v1.1 split), shared by the routes and the
// availability document, which names the version of the geometry it is ordered by.
import type { ReadSpec } from '../cache/read-cache.ts'
import { config } from '../config/env.ts'
import { getSeatAvailability } from '../domain/events/seat-availability.ts'
import { getSeatGeometry } from '../domain/events/seat-geometry.ts'
import { getSeatMap } from '../domain/events/seat-map.ts'
import { cachedRead, eventScope, versionOf } from './read-cache.ts'
import { useDb } from './db.ts'

/** Geometry changes only with an edit, which is announced; the bound only covers a lost announcement. */
const GEOMETRY_TTL_MS = 5 * 60_000

export function seatMapRead(eventId: string): ReadSpec {
  return { key: `seats:${eventId}`, scopes: [eventScope(eventId)], ttlMs: config().readCacheMs, load: () => getSeatMap(useDb(), eventId, undefined) }
}

export function geometryRead(eventId: string): ReadSpec {
  return { key: `geometry:${eventId}`, scopes: [eventScope(eventId)], ttlMs: GEOMETRY_TTL_MS, load: () => getSeatGeometry(useDb(), eventId, undefined) }
}

export function availabilityRead(eventId: string): ReadSpec {
  return {
    key: `availability:${eventId}`,
    scopes: [eventScope(eventId)],
    ttlMs: config().readCacheMs,
    load: async () => getSeatAvailability(useDb(), eventId, undefined, versionOf(await cachedRead(geometryRead(eventId)))),
  }
}
