// Closed-loop load over loopback with autocannon: `connections` keep-alive connections share a
// fixed list of requests (one per buyer, each sent once), bounded by count and by a deadline.
// Latency is taken for every answer (autocannon's own histogram keeps only 2xx).
import autocannon from 'autocannon'
import { percentile } from '../stats.ts'

export interface LoadRequest {
  path: string
  token?: string
  body: unknown
}

export interface LoadResult {
  sent: number
  /** Answers by HTTP status. */
  status: Record<number, number>
  errors: number
  timeouts: number
  seconds: number
  p50: number
  p99: number
  /** Places granted, summed from the 201 bodies (`items` for the product, `quantity` for the naive server). */
  placesGranted: number
  /** Seconds from the start to the last 201: how long selling took before only refusals were left. */
  lastGrantS: number
  aborted: boolean
}

export function runLoad(baseUrl: string, requests: LoadRequest[], connections: number, deadlineMs = 60_000): Promise<LoadResult> {
  const encoded = requests.map(r => ({
    headers: { 'content-type': 'application/json', ...(r.token ? { authorization: `Bearer ${r.token}` } : {}) },
    body: JSON.stringify(r.body),
    path: r.path,
  }))
  let next = 0
  let placesGranted = 0
  const latencies: number[] = []
  const started = performance.now()
  let lastGrant = started
  let lastAnswer = started
  return new Promise((resolve, reject) => {
    let aborted = false
    const instance = autocannon({
      url: baseUrl,
      connections,
      amount: requests.length,
      timeout: 30,
      requests: [{
        method: 'POST',
        setupRequest: (req) => {
          const r = encoded[Math.min(next++, encoded.length - 1)]!
          return { ...req, ...r }
        },
        onResponse: (status, body) => {
          if (status !== 201) return
          const parsed = JSON.parse(body) as { items?: unknown[], quantity?: number }
          placesGranted += parsed.items?.length ?? parsed.quantity ?? 0
        },
      }],
    }, (err, result) => {
      clearTimeout(timer)
      if (err) return reject(err)
      const status: Record<number, number> = {}
      for (const [code, { count }] of Object.entries(result.statusCodeStats)) status[Number(code)] = Number(count)
      latencies.sort((a, b) => a - b)
      resolve({
        sent: Math.min(next, requests.length),
        status,
        errors: result.errors,
        timeouts: result.timeouts,
        // Up to the last answer: autocannon notices that `amount` is reached on its once-a-second
        // tick, so its own start/finish overstate a 4 s run by up to a second.
        seconds: (lastAnswer - started) / 1000,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        placesGranted,
        lastGrantS: (lastGrant - started) / 1000,
        aborted,
      })
    })
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      latencies.push(ms)
      lastAnswer = performance.now()
      if (status === 201) lastGrant = performance.now()
    })
    const timer = setTimeout(() => { aborted = true; instance.stop() }, deadlineMs)
  })
}
