// A child process of the queue bench: holds up to ~10,000 buyers' queue streams open (one process
// has 20,000 file descriptors here, so the crowd is split), and acts as those buyers would: when a
// stream says "you are in", it holds the buyer's places with the admission token and books them.
// Talks to the bench over IPC; times are wall-clock ms so the bench can line them up.
import http from 'node:http'
import { percentile } from '../stats.ts'

interface Start { baseUrl: string, eventId: string, sectionId: string, buyers: { token: string, quantity: number }[] }

interface Buyer { token: string, quantity: number, acted: boolean, closedAt?: number, req?: http.ClientRequest }

const holds: { at: number, status: number, places: number }[] = []
const bookings: { at: number, status: number }[] = []
let messages = 0
let streamErrors = 0

function post(base: URL, agent: http.Agent, path: string, token: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number, body: any }> {
  return new Promise((resolve) => {
    const data = JSON.stringify(body)
    const req = http.request({ method: 'POST', host: base.hostname, port: base.port, path, agent, headers: { 'authorization': `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), ...headers } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (c) => { text += c })
      res.on('end', () => {
        let parsed: unknown = null
        try {
          parsed = JSON.parse(text)
        } catch { /* not JSON */ }
        resolve({ status: res.statusCode ?? 0, body: parsed })
      })
    })
    req.on('error', () => resolve({ status: 0, body: null }))
    req.end(data)
  })
}

async function act(start: Start, base: URL, agent: http.Agent, buyer: Buyer, admissionToken: string): Promise<void> {
  const ask = (quantity: number) => post(base, agent, '/api/holds', buyer.token, { eventId: start.eventId, ga: [{ sectionId: start.sectionId, quantity }] }, { 'x-admission-token': admissionToken })
  let hold = await ask(buyer.quantity)
  // Fewer places left than wanted: a buyer takes what is there (one), as people do.
  if (hold.status === 409 && buyer.quantity > 1) {
    holds.push({ at: Date.now(), status: hold.status, places: 0 })
    hold = await ask(1)
  }
  holds.push({ at: Date.now(), status: hold.status, places: hold.status === 201 ? hold.body.items.length : 0 })
  if (hold.status !== 201) return
  let booking = await post(base, agent, '/api/bookings', buyer.token, { holdId: hold.body.id })
  // A dropped answer is retried once: the same booking is confirmed or its first answer replayed.
  if (booking.status === 0 || booking.status >= 500) booking = await post(base, agent, '/api/bookings', buyer.token, { holdId: hold.body.id })
  bookings.push({ at: Date.now(), status: booking.status })
}

function open(start: Start, base: URL, agent: http.Agent, buyer: Buyer): Promise<number> {
  return new Promise((resolve) => {
    const began = performance.now()
    let first = true
    const req = http.get({ host: base.hostname, port: base.port, path: `/api/events/${start.eventId}/queue/stream`, agent: false, headers: { authorization: `Bearer ${buyer.token}` } }, (res) => {
      if (res.statusCode !== 200) {
        streamErrors++
        res.resume()
        return resolve(Number.NaN)
      }
      res.setEncoding('utf8')
      let buffer = ''
      res.on('data', (chunk: string) => {
        buffer += chunk
        let end
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const line = block.split('\n').find(l => l.startsWith('data:'))
          if (!line || !block.includes('event: status')) continue
          messages++
          const status = JSON.parse(line.slice(5))
          if (first) {
            first = false
            resolve(performance.now() - began)
          }
          if (status.state === 'ADMITTED' && status.admissionToken && !buyer.acted) {
            buyer.acted = true
            void act(start, base, agent, buyer, status.admissionToken)
          }
          if (status.state === 'CLOSED' && buyer.closedAt === undefined) buyer.closedAt = Date.now()
        }
      })
      res.on('error', () => {})
    })
    req.on('error', () => {
      streamErrors++
      resolve(Number.NaN)
    })
    buyer.req = req
  })
}

let crowd: Buyer[] = []

process.on('message', async (msg: { type: 'start', start: Start } | { type: 'report' } | { type: 'stop' }) => {
  if (msg.type === 'start') {
    const { start } = msg
    const base = new URL(start.baseUrl)
    const agent = new http.Agent({ keepAlive: true, maxSockets: 32 })
    crowd = start.buyers.map(b => ({ ...b, acted: false }))
    const connectMs: number[] = []
    // Connect in waves of 200, as a crowd arriving over a few seconds would.
    for (let i = 0; i < crowd.length; i += 200) connectMs.push(...await Promise.all(crowd.slice(i, i + 200).map(b => open(start, base, agent, b))))
    const ok = connectMs.filter(n => !Number.isNaN(n)).sort((a, b) => a - b)
    process.send!({ type: 'connected', count: ok.length, failed: connectMs.length - ok.length, p50: percentile(ok, 50), p99: percentile(ok, 99) })
  } else if (msg.type === 'report') {
    const closed = crowd.map(b => b.closedAt).filter((t): t is number => t !== undefined)
    process.send!({ type: 'report', holds, bookings, messages, streamErrors, closedCount: closed.length, firstClosedAt: Math.min(...closed), lastClosedAt: Math.max(...closed), acted: crowd.filter(b => b.acted).length })
  } else {
    for (const b of crowd) b.req?.destroy()
    process.exit(0)
  }
})
