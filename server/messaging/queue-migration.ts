// From classic work queues to quorum queues (names.ts, LEGACY_CLASSIC_QUEUES). RabbitMQ cannot change
// an existing queue's type, so the quorum queues have new names, and this moves what a deployment
// still has in the old ones: it unbinds each old queue from the events exchange (no new messages
// arrive there), moves every message of the old queue, its retry queues and its dead-letter queue into
// the new queue (retries go straight back to work; the dead stay dead), each publish confirmed before
// the old copy is acked, then deletes the old queues once empty. The relay runs it at start, after
// declaring the new topology; running it twice, or in two relays at once, is harmless (a message
// moved twice is one message id, which consumers handle once). A broker without the old queues
// costs one failed check per old main queue. Old workers must be gone first (a deploy replaces them all): one
// still consuming an old queue could send a failed message to an old retry queue already deleted.
import type { ConfirmChannel } from 'amqplib'
import { EVENTS_EXCHANGE, LEGACY_CLASSIC_QUEUES, QUEUE_BINDINGS, deadLetterQueue, retryQueue, type QueueName } from './names.ts'

/** A plain or a recovering amqplib connection. */
interface Connection {
  createConfirmChannel(): Promise<ConfirmChannel>
}

export interface MigrationLog {
  info(obj: object, msg: string): void
}

/** A channel whose errors (a 404 on checkQueue closes it) are answers, not crashes. */
async function openChannel(connection: Connection): Promise<ConfirmChannel> {
  const channel = await connection.createConfirmChannel()
  channel.on('error', () => {})
  return channel
}

async function exists(connection: Connection, queue: string): Promise<boolean> {
  const probe = await openChannel(connection)
  try {
    await probe.checkQueue(queue)
    await probe.close()
    return true
  } catch {
    return false // the broker closed the probe channel with 404 NOT_FOUND
  }
}

async function moveAll(channel: ConfirmChannel, from: string, to: string): Promise<number> {
  let moved = 0
  for (;;) {
    const message = await channel.get(from, { noAck: false })
    if (!message) return moved
    channel.sendToQueue(to, message.content, { ...message.properties, headers: message.properties.headers ?? {} })
    await channel.waitForConfirms()
    channel.ack(message)
    moved++
  }
}

/** Moves everything from the classic queues into their quorum successors and deletes them. */
export async function migrateClassicQueues(connection: Connection, retryDelaysMs: readonly number[], log: MigrationLog): Promise<void> {
  for (const [queue, legacy] of Object.entries(LEGACY_CLASSIC_QUEUES) as [QueueName, string][]) {
    // The old main queue is deleted last, so once it is gone its retry and dead-letter queues are
    // too: one probe per old queue on a broker already migrated, not one per queue it ever had.
    if (!(await exists(connection, legacy))) continue
    // The old main queue goes last: a retry copy whose wait ends mid-migration lands there, and is
    // then moved with the rest.
    const sources: [string, string][] = [
      ...[...new Set(retryDelaysMs)].map(delay => [retryQueue(legacy, delay), queue] as [string, string]),
      [deadLetterQueue(legacy), deadLetterQueue(queue)],
      [legacy, queue],
    ]
    for (const [from, to] of sources) {
      if (!(await exists(connection, from))) continue
      const channel = await openChannel(connection)
      try {
        if (from === legacy) for (const pattern of QUEUE_BINDINGS[queue]) await channel.unbindQueue(from, EVENTS_EXCHANGE, pattern)
        const moved = await moveAll(channel, from, to)
        await channel.deleteQueue(from, { ifEmpty: true })
        log.info({ from, to, moved }, 'moved a classic queue into its quorum queue and deleted it')
      } finally {
        await channel.close().catch(() => {})
      }
    }
  }
}
