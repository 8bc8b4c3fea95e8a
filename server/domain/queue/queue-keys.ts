// The Redis keys of one event's live queue, with the event id as a hash tag so a Redis Cluster
// keeps them on one slot (every script touches several). What each holds:
//   line        ZSET  account → position (1-based) once placed in line
//   pre         SET   accounts in the pre-queue before the draw (no position yet)
//   late        ZSET  accounts that arrived after the sale started but before the draw → arrival seq
//   meta        HASH  built, drawn, tail (last position), cursor (admitted through), placesLeft,
//                     held, rate (admissions/min), target, decisions, closed, closedReason
//   advances    ZSET  "<cursor>:<epoch ms>" scored by cursor: when each position was admitted
//   outstanding ZSET  account → end of its admission window, until its first hold attempt
export interface QueueKeys {
  line: string
  pre: string
  late: string
  meta: string
  advances: string
  outstanding: string
}

export function queueKeys(eventId: string): QueueKeys {
  const base = `bookify:queue:{${eventId}}`
  return {
    line: `${base}:line`,
    pre: `${base}:pre`,
    late: `${base}:late`,
    meta: `${base}:meta`,
    advances: `${base}:advances`,
    outstanding: `${base}:outstanding`,
  }
}

/**
 * Leader lease of the admitter: one web process at a time draws, counts and admits. One lease per
 * database, because the rooms live there: deployments that share a Redis (staging beside production,
 * parallel test runs) must not take each other's lease, or a leader that cannot see a room never
 * admits anyone to it.
 */
export function admitterLeaseKey(databaseUrl: string): string {
  const { host, pathname } = new URL(databaseUrl)
  return `bookify:queue:admitter:${host}${pathname}`
}
