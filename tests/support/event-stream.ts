// A minimal Server-Sent Events client over fetch for the tests: collects the `data` of one event
// name as it arrives, with the time each arrived (kept beside the message, so messages stay exactly
// what the server sent), and waits for one matching a test. The live seat map (live-client.ts) and
// the waiting room's stream (queue-world.ts) are both read with it.
export class EventStream<T extends object> {
  readonly messages: T[] = []
  private readonly arrivals = new WeakMap<T, number>()
  private readonly controller = new AbortController()
  private waiters: (() => void)[] = []

  constructor(private readonly eventName: string) {}

  /** Fails unless the server answers 200 with an event stream; then reads it in the background. */
  async connect(url: string, token?: string): Promise<this> {
    const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: this.controller.signal })
    if (res.status !== 200 || !res.body || !res.headers.get('content-type')?.startsWith('text/event-stream')) {
      throw new Error(`${url} answered ${res.status} ${res.headers.get('content-type')}`)
    }
    void this.read(res.body.getReader())
    return this
  }

  private async read(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder()
    let buffer = ''
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        buffer += decoder.decode(value, { stream: true })
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const lines = buffer.slice(0, end).split('\n')
          buffer = buffer.slice(end + 2)
          // One optional space after "data:" belongs to the field syntax, not the value (the SSE spec).
          const data = lines.filter(l => l.startsWith('data:')).map(l => l.slice(5).replace(/^ /, '')).join('\n')
          if (!lines.includes(`event: ${this.eventName}`) || !data) continue
          const message = JSON.parse(data) as T
          this.arrivals.set(message, Date.now())
          this.messages.push(message)
          this.waiters.splice(0).forEach(wake => wake())
        }
      }
    } catch { /* aborted */ }
  }

  /** Date.now() when this process read `message`. */
  receivedAt(message: T): number {
    return this.arrivals.get(message)!
  }

  /** The first message (from now on or already received) that satisfies `test`, or a failure after `ms`. */
  async waitFor(test: (m: T) => boolean, ms = 15_000): Promise<T> {
    const deadline = Date.now() + ms
    for (;;) {
      const found = this.messages.find(test)
      if (found) return found
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`no matching ${this.eventName} message within ${ms} ms; got ${JSON.stringify(this.messages)}`)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        this.waiters.push(() => { clearTimeout(timer); resolve() })
      })
    }
  }

  close(): void {
    this.controller.abort()
  }
}
