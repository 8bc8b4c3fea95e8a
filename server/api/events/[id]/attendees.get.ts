import { idParams } from '../../../../shared/schemas/params.ts'
import { attendeesQuery } from '../../../../shared/schemas/organising.ts'
import { exportAttendees, listAttendees } from '../../../domain/organising/attendees.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  const query = queryValid(event, attendeesQuery)
  if (query.format === 'json') return listAttendees(useDb(), id, caller, query)
  const { fileName, csv } = await exportAttendees(useDb(), id, caller, query.q)
  setResponseHeader(event, 'Content-Type', 'text/csv; charset=utf-8')
  setResponseHeader(event, 'Content-Disposition', `attachment; filename="${fileName}"`)
  setResponseHeader(event, 'Cache-Control', 'private, no-store')
  return csv
})
