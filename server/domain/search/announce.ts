// The Redis pub/sub announcement of a new snapshot (TOPICS.searchSnapshot). It is only a hint:
// receivers load the newest snapshot of their own database, so a stray message (another database on
// the same Redis) costs one cheap query and a lost one is covered by the periodic check in
// current-search.ts.
import { TOPICS, publish, type Publisher } from '../../messaging/pubsub.ts'

export async function publishSnapshot(redis: Publisher, version: bigint | number): Promise<void> {
  await publish(redis, TOPICS.searchSnapshot, { version: Number(version) })
}
