// GET /api/events/:id/queue/proof: before the draw only the commitment; afterwards the seed and the
// pre-queue's entry hashes in drawn order, and the algorithm (fairness.ts) to check them with.
import type { Db } from '../../db/client.ts'
import type { QueueProofDto } from '../../../shared/types/queue.ts'
import { FAIRNESS_ALGORITHM, drawOrder } from './fairness.ts'
import { noWaitingRoom } from './join-queue.ts'

export async function queueProof(db: Db, eventId: string): Promise<QueueProofDto> {
  const room = await db.waitingRoom.findFirst({ where: { eventId, event: { status: { not: 'DRAFT' } } } })
  if (!room) throw noWaitingRoom()
  const base = { eventId, commitment: room.commitment, salesStartAt: room.salesStartAt.toISOString(), algorithm: FAIRNESS_ALGORITHM }
  if (!room.drawnAt) return base
  const entries = await db.queueEntry.findMany({ where: { eventId, prequeue: true }, select: { entryHash: true } })
  // A lapsed buyer who joined again moved to the back; the draw is what the proof shows, so order
  // by each entry's drawn key again rather than by today's positions.
  const order = drawOrder(room.seed, entries.map(e => e.entryHash))
  return { ...base, seed: room.seed, order }
}
