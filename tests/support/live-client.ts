// A minimal SSE client over fetch for GET /api/events/:id/live: collects `availability` messages
// with the time each arrived.
export interface AvailabilityMessage {
  eventId: string
  available: number
  total: number
  sections: { id: string, available: number }[]
  changes: { placeId: string, status: string }[]
  /** Date.now() when this process read it. */
  receivedAt: number
}

export class LiveClient {
  readonly messages: AvailabilityMessage[] = []
  private readonly controller = new AbortController()

  static async open(base: string, eventId: string): Promise<LiveClient> {
    const client = new LiveClient()
    const res = await fetch(`${base}/api/events/${eventId}/live`, { signal: client.controller.signal })
    if (res.status !== 200 || !res.headers.get('content-type')?.startsWith('text/event-stream')) throw new Error(`live stream at ${base}: ${res.status}`)
    void client.read(res.body!.getReader())
    return client
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
          if (!lines.includes('event: availability')) continue
          const data = lines.filter(l => l.startsWith('data: ')).map(l => l.slice(6)).join('\n')
          this.messages.push({ ...JSON.parse(data), receivedAt: Date.now() })
        }
      }
    } catch { /* aborted */ }
  }

  /** The first message satisfying `test`, or a failure after `ms`. */
  async waitFor(test: (m: AvailabilityMessage) => boolean, ms: number): Promise<AvailabilityMessage> {
    const deadline = Date.now() + ms
    for (;;) {
      const found = this.messages.find(test)
      if (found) return found
      if (Date.now() > deadline) throw new Error(`no matching availability message within ${ms} ms; got ${JSON.stringify(this.messages)}`)
      await new Promise(r => setTimeout(r, 10))
    }
  }

  close(): void {
    this.controller.abort()
  }
}
