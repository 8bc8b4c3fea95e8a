import { idParams } from '../../../../shared/schemas/params.ts'
import { auditQuery } from '../../../../shared/schemas/organising.ts'
import { listAudit } from '../../../domain/organising/audit-log.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  return listAudit(useDb(), id, caller, queryValid(event, auditQuery))
})
