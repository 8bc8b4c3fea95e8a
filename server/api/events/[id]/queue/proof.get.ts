// GET /api/events/:id/queue/proof: the commitment before the draw; the seed and drawn order after.
import { queueProof } from '../../../../domain/queue/queue-proof.ts'
import { idParams } from '../../../../../shared/schemas/params.ts'

export default defineEventHandler(async (event) => {
  const { id } = readParams(event, idParams)
  return queueProof(useDb(), id)
})
