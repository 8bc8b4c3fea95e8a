// One HTTP POST to a webhook endpoint, on node:http(s) rather than fetch: `lookup` lets the SSRF guard
// check the very address the socket connects to. No redirects are followed (a 3xx is a failure: the
// organiser should register the final URL), the whole exchange has one deadline, and at most 1 KB of
// the answer is kept.
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isIP } from 'node:net'
import { guardedLookup, isPrivateAddress } from './target-guard.ts'

export const SNIPPET_BYTES = 1024
/** Read no further than this into an answer (then the connection is dropped). */
const READ_LIMIT_BYTES = 64 * 1024

export type PostResult =
  | { ok: boolean, status: number, snippet: string, latencyMs: number }
  | { ok: false, status: null, snippet: string, latencyMs: number }

export interface PostOptions {
  timeoutMs: number
  allowPrivate: boolean
}

export type WebhookPoster = (url: string, body: string, headers: Record<string, string>, options: PostOptions) => Promise<PostResult>

export const postWebhook: WebhookPoster = (rawUrl, body, headers, options) => new Promise((resolve) => {
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  const fail = (message: string) => resolve({ ok: false, status: null, snippet: message.slice(0, SNIPPET_BYTES), latencyMs: elapsed() })
  let url: URL
  try {
    url = new URL(rawUrl)
  } catch {
    return fail('invalid URL')
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  // An address literal is connected to without a lookup, so it is checked here.
  if (!options.allowPrivate && isIP(host) && isPrivateAddress(host)) return fail(`refused: ${host} is a private address`)
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest
  const req = send(url, {
    method: 'POST',
    headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
    lookup: guardedLookup(options.allowPrivate) as never,
    timeout: options.timeoutMs,
  }, (res) => {
    const chunks: Buffer[] = []
    let read = 0
    const finish = () => {
      clearTimeout(deadline)
      const status = res.statusCode ?? 0
      resolve({ ok: status >= 200 && status < 300, status, snippet: Buffer.concat(chunks).subarray(0, SNIPPET_BYTES).toString('utf8'), latencyMs: elapsed() })
    }
    res.on('data', (chunk: Buffer) => {
      if (read < SNIPPET_BYTES) chunks.push(chunk)
      read += chunk.length
      if (read > READ_LIMIT_BYTES) {
        res.destroy()
        finish()
      }
    })
    res.on('end', finish)
    res.on('error', finish)
  })
  const deadline = setTimeout(() => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs)
  req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)))
  req.on('error', (err) => {
    clearTimeout(deadline)
    fail(err.message)
  })
  req.end(body)
})
