import { idParams } from '../../../../../shared/schemas/params.ts'
import { createPromoCodeBody } from '../../../../../shared/schemas/pricing.ts'
import { createPromoCode } from '../../../../domain/pricing/promo-codes.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  const body = await readValid(event, createPromoCodeBody)
  const code = await createPromoCode(useDb(), id, caller, body)
  setResponseStatus(event, 201)
  return code
})
