import { putEmbedOriginsBody } from '../../../shared/schemas/embed.ts'
import { setEmbedOrigins } from '../../domain/embed/embed-origins.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const body = await readValid(event, putEmbedOriginsBody)
  return setEmbedOrigins(useDb(), caller.userId, body.origins, requestOrigin(event))
})
