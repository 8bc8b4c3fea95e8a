import { config } from '../../../../config/env.ts'
import { idParams } from '../../../../../shared/schemas/params.ts'
import { checkPromoQuery } from '../../../../../shared/schemas/pricing.ts'
import { checkPromoCode } from '../../../../domain/pricing/promo-codes.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  const { code } = queryValid(event, checkPromoQuery)
  // Against guessing: the same per-user budget as holds that carry a code.
  await enforceRateLimit(event, 'promo-user', caller.userId, config().promoRateLimitPerUser)
  return checkPromoCode(useDb(), id, caller, code)
})
