import { config } from '../../config/env.ts'
import { createHoldBody } from '../../../shared/schemas/holds.ts'
import { createHold } from '../../domain/holds/create-hold.ts'
import { countMetric } from '../../observability/web-metrics.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const limits = config().holdRateLimit
  await enforceRateLimit(event, 'holds-user', caller.userId, limits.perUser)
  await enforceRateLimit(event, 'holds-ip', clientAddress(event), limits.perIp)
  const body = await readValid(event, createHoldBody)
  // In a rush most answers are refusals: answered here rather than thrown through h3.
  return answeringRefusals(event, () => idempotent(event, caller.userId, 'POST /api/holds', body, 201, async () => {
    const { hold, releasedHoldId } = await createHold(useDb(), caller.userId, body, { memo: useRefusalMemo() })
    countMetric('holds_created')
    const changes = hold.items.map(i => ({ placeId: i.placeId, status: 'HELD' as const }))
    // Independent nudges (each swallows its own failure): one Redis round trip of waiting, not two.
    await Promise.all([scheduleHoldExpiry(hold.id, new Date(hold.expiresAt)), announceAvailability(hold.eventId, changes)])
    if (releasedHoldId) await offerFreedPlaces(hold.eventId)
    return hold
  }))
})
