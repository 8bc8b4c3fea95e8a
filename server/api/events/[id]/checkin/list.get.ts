import { checkInList } from '../../../../domain/organising/check-in-list.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { etag, body } = await checkInList(useDb(), getRouterParam(event, 'id')!, caller)
  setResponseHeaders(event, { 'ETag': etag, 'Cache-Control': 'private, no-cache' })
  const presented = getRequestHeader(event, 'if-none-match') ?? ''
  if (presented.split(',').some(tag => tag.trim().replace(/^W\//, '') === etag)) return sendNoContent(event, 304)
  return body
})
