// Open-loop polling of GET /api/events/:id/queue/me: `rate` requests a second spread over the
// buyers in turn, for `seconds`, over keep-alive loopback connections. Latency is measured from
// when each request was due, so a server that falls behind shows it (no coordinated omission).
import http from 'node:http'
import { percentile } from '../stats.ts'

export interface PollResult {
  sent: number
  answered: number
  status: Record<number, number>
  errors: number
  p50: number
  p99: number
  max: number
  seconds: number
}

export async function pollStatuses(baseUrl: string, eventId: string, tokens: string[], rate: number, seconds: number, sockets = 256): Promise<PollResult> {
  const url = new URL(baseUrl)
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets })
  const latencies: number[] = []
  const status: Record<number, number> = {}
  let errors = 0
  let sent = 0
  const total = Math.round(rate * seconds)
  const started = performance.now()
  const inFlight = new Set<Promise<void>>()
  const one = (due: number, token: string) => new Promise<void>((resolve) => {
    const req = http.request({ host: url.hostname, port: url.port, path: `/api/events/${eventId}/queue/me`, agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume()
      res.on('end', () => {
        latencies.push(performance.now() - due)
        status[res.statusCode ?? 0] = (status[res.statusCode ?? 0] ?? 0) + 1
        resolve()
      })
    })
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')))
    req.on('error', () => { errors++; resolve() })
    req.end()
  })
  while (sent < total) {
    const now = performance.now()
    const dueCount = Math.min(total, Math.floor(((now - started) / 1000) * rate))
    while (sent < dueCount) {
      const due = started + (sent / rate) * 1000
      const p = one(due, tokens[sent % tokens.length]!)
      inFlight.add(p)
      void p.then(() => inFlight.delete(p))
      sent++
    }
    await new Promise(r => setTimeout(r, 2))
  }
  await Promise.all(inFlight)
  agent.destroy()
  latencies.sort((a, b) => a - b)
  return {
    sent, answered: latencies.length, status, errors,
    p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1) ?? Number.NaN,
    seconds: (performance.now() - started) / 1000,
  }
}

/** POSTs each buyer's join with `concurrency` in flight; returns joins per second. */
export async function joinAll(baseUrls: string[], eventId: string, tokens: string[], concurrency = 64): Promise<{ perSecond: number, failed: number }> {
  const agents = baseUrls.map(() => new http.Agent({ keepAlive: true, maxSockets: concurrency }))
  let next = 0
  let failed = 0
  const started = performance.now()
  const worker = async () => {
    while (next < tokens.length) {
      const i = next++
      const base = new URL(baseUrls[i % baseUrls.length]!)
      await new Promise<void>((resolve) => {
        const req = http.request({ method: 'POST', host: base.hostname, port: base.port, path: `/api/events/${eventId}/queue`, agent: agents[i % baseUrls.length], headers: { authorization: `Bearer ${tokens[i]}` } }, (res) => {
          if (res.statusCode !== 200) failed++
          res.resume()
          res.on('end', resolve)
        })
        req.on('error', () => { failed++; resolve() })
        req.end()
      })
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  agents.forEach(a => a.destroy())
  return { perSecond: tokens.length / ((performance.now() - started) / 1000), failed }
}
