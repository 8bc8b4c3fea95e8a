// The Redis pub/sub announcement of a new snapshot. It is only a hint: receivers load the newest
// snapshot of their own database, so a stray message (another database on the same Redis) costs
// one cheap query and a lost one is covered by the periodic check in current-search.ts.
import type { Redis } from 'ioredis'
import { z } from 'zod'
import { SEARCH_SNAPSHOT_CHANNEL } from '../../messaging/names.ts'

const snapshotAnnouncement = z.object({ version: z.number().int().positive() })
type SnapshotAnnouncement = z.infer<typeof snapshotAnnouncement>

export async function publishSnapshot(redis: Pick<Redis, 'publish'>, version: bigint | number): Promise<void> {
  const message: SnapshotAnnouncement = { version: Number(version) }
  await redis.publish(SEARCH_SNAPSHOT_CHANNEL, JSON.stringify(message))
}

/** The announced version, or undefined for anything that is not an announcement. */
export function announcedVersion(message: string): bigint | undefined {
  try {
    const parsed = snapshotAnnouncement.safeParse(JSON.parse(message))
    return parsed.success ? BigInt(parsed.data.version) : undefined
  } catch {
    return undefined
  }
}
