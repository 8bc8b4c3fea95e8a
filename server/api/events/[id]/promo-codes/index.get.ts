import { idParams } from '../../../../../shared/schemas/params.ts'
import { listPromoCodes } from '../../../../domain/pricing/promo-codes.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  return listPromoCodes(useDb(), id, caller)
})
