import { idParams } from '../../../../../shared/schemas/params.ts'
import { checkInList } from '../../../../domain/organising/check-in-list.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  const { etag, body } = await checkInList(useDb(), id, caller)
  setResponseHeaders(event, { 'ETag': etag, 'Cache-Control': 'private, no-cache' })
  const presented = getRequestHeader(event, 'if-none-match') ?? ''
  if (presented.split(',').some(tag => tag.trim().replace(/^W\//, '') === etag)) return sendNoContent(event, 304)
  return body
})
