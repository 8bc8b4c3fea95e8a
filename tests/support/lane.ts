// Integration files run side by side, one per vitest worker, each worker in its own "lane": a
// database, a web server and a Redis database of its own (global-setup.ts makes them). Files in one
// lane still run one after another, so what a file's relay publishes or a catalogue check counts is
// only ever its own lane's. Everything a test reaches through the run's services asks here.
import { inject } from 'vitest'

export interface Lane {
  /** The lane's web server. */
  baseUrl: string
  databaseUrl: string
  /** redis://…/<n>: keys (BullMQ, caches, rooms, limits) are apart per lane; pub/sub is not, and carries only ids. */
  redisUrl: string
}

/** This worker's lane: vitest numbers its workers 1…maxWorkers in VITEST_POOL_ID. */
export function lane(): Lane {
  const lanes = inject('lanes')
  const id = Number(process.env.VITEST_POOL_ID ?? 1)
  return lanes[(Math.max(1, id) - 1) % lanes.length]!
}

export const testDatabaseUrl = () => lane().databaseUrl
export const testBaseUrl = () => lane().baseUrl

/**
 * Files that stop or restart the shared RabbitMQ: they run while no other file runs, in any lane.
 * Every other file holds a shared lock for its duration (lane-setup.ts).
 */
export const RUNS_ALONE = ['messaging-relay.test.ts', 'rabbitmq-restart-bookings.test.ts']
