// Tracing itself starts before Nitro, from `node --import dist/tracing/register.mjs` (the loader hook
// that patches http, pg, ioredis and amqplib must be in place before they are imported, which no
// Nitro plugin can be). This plugin only exports the last buffered spans when the server shuts down.
import { flushTraces } from '../observability/tracing/trace-context.ts'

export default defineNitroPlugin((nitroApp) => {
  nitroApp.hooks.hook('close', () => flushTraces())
})
