import { idParams } from '../../../../shared/schemas/params.ts'
import { getEvent } from '../../../domain/events/event-detail.ts'
import { config } from '../../../config/env.ts'

export default defineEventHandler((event) => {
  const { id } = readParams(event, idParams)
  return servePublicRead(event, {
    spec: { key: `event:${id}`, scopes: [eventScope(id)], ttlMs: config().readCacheMs, load: () => getEvent(useDb(), id, undefined) },
    eventId: id,
    policy: LIVE_READ,
    backstage: caller => getEvent(useDb(), id, caller),
  })
})
