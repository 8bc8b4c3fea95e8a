import { listEmbedOrigins } from '../../domain/embed/embed-origins.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  return listEmbedOrigins(useDb(), caller.userId)
})
