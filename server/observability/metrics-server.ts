// A worker's /metrics endpoint on its own small port (METRICS_PORT). Without METRICS_PORT the worker
// serves nothing: `npm start` runs every worker on one machine and they cannot share a port.
import { createServer } from 'node:http'
import { config } from '../config/env.ts'
import type { Logger } from './logger.ts'
import { metricsAccessAllowed } from './metrics-access.ts'
import { collectProcessMetrics, metricsRegistry } from './registry.ts'

/** What serveMetrics needs of the worker's lifecycle (workers/runtime/lifecycle.ts, WorkerContext). */
interface MetricsServerContext {
  log: Logger
  onShutdown(close: () => unknown): void
}

export async function serveMetrics(ctx: MetricsServerContext, role: string, port = config().metricsPort): Promise<void> {
  collectProcessMetrics(role)
  if (!port) return
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404).end()
      return
    }
    if (!metricsAccessAllowed(req.headers.authorization, config().metricsToken)) {
      res.writeHead(401, { 'www-authenticate': 'Bearer realm="metrics"' }).end()
      return
    }
    metricsRegistry.metrics().then(
      body => res.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(body),
      (err: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(err.message),
    )
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, () => resolve())
  })
  ctx.onShutdown(() => new Promise(resolve => server.close(() => resolve(undefined))))
  ctx.log.info({ port }, 'serving /metrics')
}
