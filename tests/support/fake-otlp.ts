// A local OTLP/HTTP trace receiver (a real HTTP server on 127.0.0.1 and a random port) for tests that
// run processes with OTEL_EXPORTER_OTLP_ENDPOINT pointing at it. It accepts what the exporter sends,
// POST /v1/traces in OTLP's JSON encoding, and keeps every span flattened with its service name;
// anything else is answered 4xx and kept in `refused`, so a test can check nothing went astray.
import { createServer, type IncomingMessage } from 'node:http'

type AnyValue = { stringValue?: string, intValue?: string | number, boolValue?: boolean, doubleValue?: number }
interface KeyValue { key: string, value: AnyValue }
interface OtlpSpan { traceId: string, spanId: string, parentSpanId?: string, name: string, kind: number, attributes?: KeyValue[] }
interface OtlpTraces {
  resourceSpans?: { resource?: { attributes?: KeyValue[] }, scopeSpans?: { spans?: OtlpSpan[] }[] }[]
}

export interface ReceivedSpan {
  service: string
  traceId: string
  spanId: string
  /** Empty for a root span. */
  parentSpanId: string
  name: string
  /** OTLP SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number
  attributes: Record<string, string | number | boolean | undefined>
}

export interface FakeOtlp {
  /** The value for OTEL_EXPORTER_OTLP_ENDPOINT. */
  url: string
  spans: ReceivedSpan[]
  refused: string[]
  close(): Promise<void>
}

function valueOf(v: AnyValue): string | number | boolean | undefined {
  return v.stringValue ?? (v.intValue !== undefined ? Number(v.intValue) : undefined) ?? v.boolValue ?? v.doubleValue
}

function attributes(list: KeyValue[] = []): ReceivedSpan['attributes'] {
  return Object.fromEntries(list.map(a => [a.key, valueOf(a.value)]))
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (d: string) => { body += d })
    req.on('end', () => resolve(body))
    req.on('error', reject)
  })
}

export async function startFakeOtlp(): Promise<FakeOtlp> {
  const spans: ReceivedSpan[] = []
  const refused: string[] = []
  const server = createServer((req, res) => {
    void (async () => {
      const body = await read(req)
      const type = req.headers['content-type'] ?? ''
      if (req.method !== 'POST' || req.url !== '/v1/traces' || !type.startsWith('application/json')) {
        refused.push(`${req.method} ${req.url} ${type}`)
        res.writeHead(req.url === '/v1/traces' ? 415 : 404).end()
        return
      }
      let parsed: OtlpTraces
      try {
        parsed = JSON.parse(body) as OtlpTraces
      } catch {
        refused.push(`unparsable body: ${body.slice(0, 200)}`)
        res.writeHead(400).end()
        return
      }
      for (const rs of parsed.resourceSpans ?? []) {
        const service = String(attributes(rs.resource?.attributes)['service.name'])
        for (const ss of rs.scopeSpans ?? []) {
          for (const s of ss.spans ?? []) {
            spans.push({ service, traceId: s.traceId, spanId: s.spanId, parentSpanId: s.parentSpanId ?? '', name: s.name, kind: s.kind, attributes: attributes(s.attributes) })
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })()
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    refused,
    close: () => new Promise(resolve => server.close(() => resolve())),
  }
}
