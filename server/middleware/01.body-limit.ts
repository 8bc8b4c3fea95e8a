// Bodies over 1 MiB answer 413 before any handler buffers them (docs/API.md). The body is read here,
// with the limit enforced while streaming, and handed to h3 so handlers read it as usual.
import { createError, defineEventHandler, getHeader, type H3Event } from 'h3'

const MAX_BODY_BYTES = 1024 * 1024
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

const payloadTooLarge = () => createError({ statusCode: 413, statusMessage: 'The request body is larger than 1 MiB.' })

/** Internal calls ($fetch during SSR) hand h3 their body ready-made instead of as a stream. */
function preparedBody(event: H3Event): unknown {
  const req = event.node.req as { body?: unknown, rawBody?: unknown }
  return req.rawBody ?? req.body
}

function byteLength(body: unknown): number {
  if (typeof body === 'string') return Buffer.byteLength(body)
  if (body instanceof Uint8Array) return body.byteLength
  return Buffer.byteLength(JSON.stringify(body) ?? '')
}

function readLimited(event: H3Event): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const req = event.node.req
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data')
        req.resume() // drain the rest without keeping it
        resolve(undefined)
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export default defineEventHandler(async (event) => {
  if (!event.path.startsWith('/api/') || !WITH_BODY.has(event.method)) return
  if (Number(getHeader(event, 'content-length') ?? 0) > MAX_BODY_BYTES) throw payloadTooLarge()
  const prepared = preparedBody(event)
  if (prepared !== undefined) {
    if (byteLength(prepared) > MAX_BODY_BYTES) throw payloadTooLarge()
    return
  }
  const body = await readLimited(event)
  if (!body) throw payloadTooLarge()
  // h3's readRawBody returns this pre-read body instead of reading the (now consumed) stream.
  const preRead = event as unknown as { _requestBody: Buffer }
  preRead._requestBody = body
})
