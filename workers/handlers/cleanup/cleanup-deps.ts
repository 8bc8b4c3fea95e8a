// What the cleanup handlers need, built once by workers/cleanup.ts.
import type { Db } from '../../../server/db/client.ts'
import type { AfterCommit } from '../../../server/domain/ports.ts'
import type { Logger } from '../../../server/observability/logger.ts'

export interface CleanupDeps {
  db: Db
  /** Announces freed places, offers them to the waitlist and schedules the offers' expiry. */
  effects: AfterCommit
  log: Logger
}
