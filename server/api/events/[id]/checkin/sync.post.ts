import { idParams } from '../../../../../shared/schemas/params.ts'
import { checkInSyncBody } from '../../../../../shared/schemas/organising.ts'
import { syncScans } from '../../../../domain/organising/check-in-sync.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  const body = await readValid(event, checkInSyncBody)
  return syncScans(useDb(), id, caller, body)
})
