import { auditQuery } from '../../../../shared/schemas/organising.ts'
import { listAudit } from '../../../domain/organising/audit-log.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  return listAudit(useDb(), getRouterParam(event, 'id')!, caller, queryValid(event, auditQuery))
})
