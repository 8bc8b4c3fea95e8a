// The webhook poster against a real HTTP server on loopback: the SSRF guard holds at connect time
// (a name that resolves to a private address is refused, not only literals), a redirect is not
// followed, and at most 1 KB of the answer is kept.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { postWebhook } from '../../server/domain/webhooks/http-post.ts'

let server: Server
let port: number
const hits: string[] = []

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '')
    if (req.url === '/moved') return res.writeHead(301, { location: '/elsewhere' }).end()
    if (req.url === '/slow') return setTimeout(() => res.end('late'), 2_000)
    res.writeHead(200).end('é'.repeat(2000))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})

afterAll(() => new Promise<void>(resolve => server.close(() => resolve())))

const options = (allowPrivate: boolean) => ({ allowPrivate, timeoutMs: 1_000 })

describe('postWebhook', () => {
  it('refuses a loopback address, as a literal and as a name, before sending anything', async () => {
    const before = hits.length
    const literal = await postWebhook(`http://127.0.0.1:${port}/x`, '{}', {}, options(false))
    const named = await postWebhook(`http://localhost:${port}/x`, '{}', {}, options(false))
    expect(literal).toMatchObject({ ok: false, status: null, snippet: expect.stringContaining('refused') })
    expect(named).toMatchObject({ ok: false, status: null, snippet: expect.stringContaining('refused') })
    expect(hits.length).toBe(before)
  })

  it('sends when private targets are allowed, keeping at most 1 KB of the answer', async () => {
    const res = await postWebhook(`http://localhost:${port}/ok`, '{"a":1}', { 'content-type': 'application/json' }, options(true))
    expect(res).toMatchObject({ ok: true, status: 200 })
    expect(Buffer.byteLength(res.snippet)).toBeLessThanOrEqual(1024 + 3) // a cut character becomes one U+FFFD
    expect(res.latencyMs).toBeGreaterThanOrEqual(0)
  })

  it('does not follow a redirect, and gives up at the timeout', async () => {
    expect(await postWebhook(`http://127.0.0.1:${port}/moved`, '{}', {}, options(true))).toMatchObject({ ok: false, status: 301 })
    expect(hits).not.toContain('/elsewhere')
    expect(await postWebhook(`http://127.0.0.1:${port}/slow`, '{}', {}, options(true))).toMatchObject({ ok: false, status: null, snippet: expect.stringContaining('1000 ms') })
  })
})
