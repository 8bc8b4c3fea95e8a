// Search index builder (placeholder until its issue lands): will rebuild the lunr index of published
// events when events change and store it as a snapshot that web instances load.
import { QUEUES } from '../server/messaging/names.ts'
import { connectPostgres, connectRabbit } from './runtime/connections.ts'
import { runWorker } from './runtime/lifecycle.ts'

await runWorker('search-index', async (ctx) => {
  await connectPostgres(ctx)
  await connectRabbit(ctx, 'search-index')
  ctx.log.info({ connected: ['postgresql', 'rabbitmq'], state: 'idle', willDo: `consume ${QUEUES.searchIndex}: rebuild the event search snapshot` }, 'connected; idle until the search index is implemented')
})
