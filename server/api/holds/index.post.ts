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
  if (body.promoCode) await enforceRateLimit(event, 'promo-user', caller.userId, config().promoRateLimitPerUser)
  await requireAdmission(event, caller.userId, body.eventId)
  // In a rush most answers are refusals: answered here rather than thrown through h3.
  return answeringRefusals(event, () => idempotent(event, caller.userId, 'POST /api/holds', body, 201, async () => {
    const hold = await createHold(useDb(), useAfterCommit(), caller.userId, body, { memo: useRefusalMemo() })
    countMetric('holds_created')
    return hold
  }))
})
