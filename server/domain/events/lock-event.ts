// Changes to one event (edit, publish, cancel) run one at a time: each takes the event's row lock
// first and decides on the state it reads under that lock, so two cancels cannot both act.
import type { Prisma } from '../../db/client.ts'
import { eventNotFound } from './access.ts'

interface LockedEvent {
  status: 'DRAFT' | 'PUBLISHED' | 'CANCELLED'
  startsAt: Date
}

export async function lockEvent(tx: Prisma.TransactionClient, eventId: string): Promise<LockedEvent> {
  const [row] = await tx.$queryRaw<{ status: LockedEvent['status'], starts_at: Date }[]>`
    SELECT status::text AS status, starts_at FROM events WHERE id = ${eventId}::uuid FOR UPDATE`
  if (!row) throw eventNotFound()
  return { status: row.status, startsAt: row.starts_at }
}
