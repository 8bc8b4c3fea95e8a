// Is RabbitMQ answering? For the web process's readiness check, which otherwise never talks to the
// broker. Keeps one idle connection between checks (reopened when it drops) so a probe every few
// seconds does not churn connections; each check proves the broker answers with a channel round trip.
import { connect, type ChannelModel } from 'amqplib'

export interface RabbitProbe {
  /** Resolves true when the broker answered within the time, false otherwise; never rejects. */
  check(timeoutMs: number): Promise<boolean>
  close(): Promise<void>
}

export function createRabbitProbe(url: string, connectionName = 'bookify-web-probe'): RabbitProbe {
  let connection: Promise<ChannelModel> | undefined

  const open = () => {
    const opening = connect(url, { timeout: 1_000, clientProperties: { connection_name: connectionName } })
    opening.then((model) => {
      const forget = () => { if (connection === opening) connection = undefined }
      model.on('close', forget)
      model.on('error', forget)
    }, () => { if (connection === opening) connection = undefined })
    return opening
  }

  const roundTrip = async () => {
    connection ??= open()
    const channel = await (await connection).createChannel()
    await channel.close()
  }

  /** A connection that failed a check is not trusted again: the next check opens a new one. */
  const discard = () => {
    const current = connection
    connection = undefined
    void current?.then(model => model.close()).catch(() => {})
  }

  return {
    async check(timeoutMs) {
      let timer: NodeJS.Timeout | undefined
      const timeout = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), timeoutMs) })
      try {
        const ok = await Promise.race([roundTrip().then(() => true, () => false), timeout])
        if (!ok) discard()
        return ok
      } finally {
        clearTimeout(timer)
      }
    },
    async close() {
      discard()
    },
  }
}
