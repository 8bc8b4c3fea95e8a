// What the cleanup handlers need, built once by workers/cleanup.ts.
import type { Queue } from 'bullmq'
import type { Redis } from 'ioredis'
import type { Db } from '../../../server/db/client.ts'
import type { HoldExpiryJob } from '../../../server/messaging/jobs.ts'
import type { Logger } from '../../../server/observability/logger.ts'

export interface CleanupDeps {
  db: Db
  /** For availability announcements. */
  redis: Pick<Redis, 'publish'>
  /** To schedule the expiry of the waitlist offers this worker makes. */
  holdExpiryQueue: Queue<HoldExpiryJob>
  log: Logger
}
