// Keeps one AMQP channel open for as long as the worker runs. amqplib's recovery reconnects the
// connection but not its channels, and a channel the server closes (a protocol error) leaves the
// connection up; either way this opens a new channel, runs `setup` on it again (topology, prefetch,
// consume) and hands it out. While the broker is unreachable, `ready()` simply waits.
import type { Channel, RecoveringChannelModel } from 'amqplib'
import { config } from '../../server/config/env.ts'
import type { WorkerContext } from './lifecycle.ts'

export interface ChannelKeeper<C extends Channel> {
  /** The open channel, or undefined while there is none. */
  current(): C | undefined
  /** Waits for an open channel; rejects once the keeper is closed. */
  ready(): Promise<C>
  /** Closes the channel for good (unacked deliveries go back to their queue). */
  close(): Promise<void>
}

export interface KeepChannelOptions<C extends Channel> {
  name: string
  /** A confirm channel: the broker acknowledges every publish. */
  confirm: boolean
  /** Runs on every new channel before it is handed out. */
  setup?: (channel: C) => Promise<void>
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

export class KeeperClosedError extends Error {
  constructor() {
    super('channel keeper closed')
  }
}

export function keepChannel<C extends Channel>(
  { log }: WorkerContext,
  connection: RecoveringChannelModel,
  { name, confirm, setup }: KeepChannelOptions<C>,
): ChannelKeeper<C> {
  let channel: C | undefined
  let closed = false
  let waiters: { resolve: (c: C) => void, reject: (e: Error) => void }[] = []
  const clog = log.child({ channel: name })

  const handOut = (c: C) => {
    for (const w of waiters) w.resolve(c)
    waiters = []
  }

  const run = async () => {
    let failures = 0
    while (!closed) {
      let opened: C | undefined
      try {
        opened = (confirm ? await connection.createConfirmChannel() : await connection.createChannel()) as C
        const whenClosed = new Promise<void>(resolve => opened!.once('close', () => resolve()))
        opened.on('error', (err: Error) => clog.warn({ err: err.message }, 'channel error'))
        opened.on('handler-error', (err: Error, event: string) => clog.error({ err, event }, 'channel listener threw'))
        if (setup) await setup(opened)
        if (closed) {
          await opened.close().catch(() => {})
          break
        }
        channel = opened
        if (failures > 0) clog.info('channel reopened')
        failures = 0
        handOut(opened)
        await whenClosed
        channel = undefined
        if (!closed) clog.warn('channel closed; reopening')
      } catch (err) {
        channel = undefined
        if (closed) break
        failures++
        clog.warn({ err: (err as Error).message, failures }, 'could not open channel; retrying')
        await opened?.close().catch(() => {})
        await sleep(Math.min(config().amqpReconnectMaxMs, 100 * 2 ** failures))
      }
    }
  }
  void run()

  return {
    current: () => channel,
    ready() {
      if (channel) return Promise.resolve(channel)
      if (closed) return Promise.reject(new KeeperClosedError())
      return new Promise((resolve, reject) => waiters.push({ resolve, reject }))
    },
    async close() {
      if (closed) return
      closed = true
      for (const w of waiters) w.reject(new KeeperClosedError())
      waiters = []
      const open = channel
      channel = undefined
      await open?.close().catch(() => {})
    },
  }
}
