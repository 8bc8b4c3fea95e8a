// One Redis subscriber connection per process, shared by everything that listens: handlers register
// with on(topic, handler) and receive messages already validated against the topic's schema
// (server/messaging/pubsub.ts). A message that fails its schema is logged and dropped, never handed
// on. ioredis re-subscribes by itself after a reconnect; onReconnect lets a listener catch up on
// what it may have missed meanwhile.
import type { Redis } from 'ioredis'
import type { LogLike } from '../domain/ports.ts'
import { subscriptionOf, type Topic } from './pubsub.ts'

type Handler = (message: unknown) => void

interface Subscription {
  topic: Topic<unknown>
  handlers: Set<Handler>
  /** Resolves once Redis confirmed the (p)subscribe; never rejects. */
  ready: Promise<void>
}

export class PubSubBus {
  private readonly subscriptions = new Map<string, Subscription>()
  private readonly reconnectHandlers = new Set<() => void>()
  private redis: Redis | undefined
  private down = false

  constructor(
    private readonly connect: () => Redis,
    private readonly log: LogLike,
  ) {}

  /** Starts delivering `topic`'s messages to `handler`; returns the function that stops it. */
  on<T>(topic: Topic<T>, handler: (message: T) => void): () => void {
    const subscription = this.subscribe(topic as Topic<unknown>)
    subscription.handlers.add(handler as Handler)
    return () => subscription.handlers.delete(handler as Handler)
  }

  /** Resolves when `topic` is subscribed, or after `timeoutMs` — a Redis outage must not hold a caller. */
  async subscribed(topic: Topic<unknown>, timeoutMs = 2_000): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<void>(resolve => (timer = setTimeout(resolve, timeoutMs)))
    await Promise.race([this.subscribe(topic).ready, timeout]).finally(() => clearTimeout(timer))
  }

  /** Called each time the connection is (re)established, after the subscriptions are back. */
  onReconnect(handler: () => void): () => void {
    this.reconnectHandlers.add(handler)
    return () => this.reconnectHandlers.delete(handler)
  }

  async close(): Promise<void> {
    const closing = this.redis
    this.redis = undefined
    this.subscriptions.clear()
    this.reconnectHandlers.clear()
    await closing?.quit().catch(() => closing.disconnect())
  }

  private connection(): Redis {
    if (this.redis) return this.redis
    const redis = this.connect()
    redis.on('error', (err: Error) => {
      if (!this.down) this.log.warn({ err: err.message }, 'pub/sub: Redis unavailable; live updates pause until it is back')
      this.down = true
    })
    redis.on('ready', () => {
      this.down = false
      for (const handler of this.reconnectHandlers) handler()
    })
    redis.on('message', (channel: string, raw: string) => this.deliver(channel, raw))
    redis.on('pmessage', (pattern: string, _channel: string, raw: string) => this.deliver(pattern, raw))
    return (this.redis = redis)
  }

  private subscribe(topic: Topic<unknown>): Subscription {
    const { channel, pattern } = subscriptionOf(topic)
    let subscription = this.subscriptions.get(channel)
    if (subscription) return subscription
    const redis = this.connection()
    const ready = (pattern ? redis.psubscribe(channel) : redis.subscribe(channel)).then(
      () => {},
      (err: Error) => this.log.warn({ channel, err: err.message }, 'pub/sub: subscribe failed'),
    )
    subscription = { topic, handlers: new Set(), ready }
    this.subscriptions.set(channel, subscription)
    return subscription
  }

  private deliver(channel: string, raw: string): void {
    const subscription = this.subscriptions.get(channel)
    if (!subscription) return
    let parsed
    try {
      parsed = subscription.topic.schema.safeParse(JSON.parse(raw))
    } catch {
      parsed = undefined
    }
    if (!parsed?.success) {
      this.log.warn({ channel, message: raw.slice(0, 200) }, 'pub/sub: message does not match its schema; dropped')
      return
    }
    for (const handler of subscription.handlers) {
      try {
        handler(parsed.data)
      } catch (err) {
        this.log.warn({ channel, err: (err as Error).message }, 'pub/sub: handler failed')
      }
    }
  }
}
