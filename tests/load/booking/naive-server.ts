// The naive baseline, as many tutorials build it: a version-checked counter on the event row,
// read then written, retried on conflict until it succeeds or the places run out. A bare node:http
// server on pg's default pool (10) — no auth, no framework — so it measures the design, not a stack.
// Never part of the product. Started as a child process by booking-bench.ts:
//   node --import tsx naive-server.ts <databaseUrl> <poolSize>   → prints "listening <port>"
import { createServer } from 'node:http'
import pg from 'pg'

export const NAIVE_SCHEMA = 'CREATE TABLE naive_events (id int PRIMARY KEY, available int NOT NULL, version int NOT NULL DEFAULT 0)'

interface Attempt { status: 201 | 409, attempts: number }

async function reserve(pool: pg.Pool, eventId: number, quantity: number): Promise<Attempt> {
  for (let attempts = 1; ; attempts++) {
    const { rows: [row] } = await pool.query<{ available: number, version: number }>('SELECT available, version FROM naive_events WHERE id = $1', [eventId])
    if (!row || row.available < quantity) return { status: 409, attempts }
    const updated = await pool.query(
      'UPDATE naive_events SET available = available - $3, version = version + 1 WHERE id = $1 AND version = $2',
      [eventId, row.version, quantity])
    if (updated.rowCount === 1) return { status: 201, attempts }
  }
}

function main() {
  const [url, poolSize] = process.argv.slice(2)
  const pool = new pg.Pool({ connectionString: url, max: Number(poolSize ?? 10) })
  let attemptsTotal = 0
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/stats') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ attempts: attemptsTotal }))
      return
    }
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const { eventId, quantity } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { eventId: number, quantity: number }
      reserve(pool, eventId, quantity).then(({ status, attempts }) => {
        attemptsTotal += attempts
        const body = status === 201 ? { quantity } : { error: { code: 'SOLD_OUT' } }
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
      }, (err: Error) => {
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: err.message }))
      })
    })
  })
  server.keepAliveTimeout = 65_000
  server.listen(0, '127.0.0.1', () => {
    const address = server.address()
    console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`)
  })
  process.on('SIGTERM', () => { server.close(); void pool.end().then(() => process.exit(0)) })
}

if (import.meta.url === `file://${process.argv[1]}`) main()
