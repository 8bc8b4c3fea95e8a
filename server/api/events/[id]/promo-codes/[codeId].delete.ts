import { promoCodeParams } from '../../../../../shared/schemas/pricing.ts'
import { deletePromoCode } from '../../../../domain/pricing/promo-codes.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id, codeId } = readParams(event, promoCodeParams)
  await deletePromoCode(useDb(), id, caller, codeId)
  setResponseStatus(event, 204)
  return null
})
