// Times every HTTP response for bookify_http_request_duration_seconds, labelled with the route
// pattern the router matched (`/api/events/:id`), never the raw path, so label values stay few.
// Timing ends on the response's `finish`, which also covers errors the error handler answered.
import { registerOutboxGauges } from '../observability/outbox-gauges.ts'
import { collectProcessMetrics } from '../observability/registry.ts'
import { httpRequestDuration } from '../observability/web-metrics.ts'

export default defineNitroPlugin((nitroApp) => {
  collectProcessMetrics('web')
  registerOutboxGauges(useDb())

  nitroApp.hooks.hook('request', (event) => {
    const started = performance.now()
    event.node.res.once('finish', () => {
      const matched = (event.context.matchedRoute as { path?: string } | undefined)?.path
      // Static files and anything served before the router have no pattern; group them.
      const route = matched ?? (event.path.startsWith('/_nuxt/') ? '/_nuxt/**' : 'unmatched')
      httpRequestDuration.observe(
        { method: event.method, route, status: String(event.node.res.statusCode) },
        (performance.now() - started) / 1000,
      )
    })
  })
})
