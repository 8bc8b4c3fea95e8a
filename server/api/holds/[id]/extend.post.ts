import { idParams } from '../../../../shared/schemas/params.ts'
import { extendHold } from '../../../domain/holds/hold-lifecycle.ts'
import { loadHold } from '../../../domain/holds/hold-dto.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  const expiresAt = await extendHold(useDb(), id, caller.userId)
  await scheduleHoldExpiry(id, expiresAt)
  return loadHold(useDb(), id, caller.userId)
})
