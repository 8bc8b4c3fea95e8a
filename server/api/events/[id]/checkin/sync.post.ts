import { checkInSyncBody } from '../../../../../shared/schemas/organising.ts'
import { syncScans } from '../../../../domain/organising/check-in-sync.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const body = await readValid(event, checkInSyncBody)
  return syncScans(useDb(), getRouterParam(event, 'id')!, caller, body)
})
