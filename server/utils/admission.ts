// The hold path's waiting-room check: while an event's room is active, POST /api/holds needs an
// admission token of the caller's own (header X-Admission-Token). Cheap on purpose: the room's
// settings come from this process's memory, the token is a signature check, and the "buyer acted"
// mark goes to Redis when the answer has been sent (the hold committed by then), unwaited for.
import { getHeader, type H3Event } from 'h3'
import { config } from '../config/env.ts'
import { verifyAdmissionToken } from '../domain/queue/admission-token.ts'
import { markAttempt } from '../domain/queue/queue-store.ts'
import { requiresAdmission } from '../domain/queue/room-settings.ts'
import { useRedis } from './redis.ts'
import { useWaitingRooms } from './waiting-room-directory.ts'

export async function requireAdmission(event: H3Event, userId: string, eventId: string): Promise<void> {
  const rooms = useWaitingRooms()
  await rooms.ready()
  if (!requiresAdmission(rooms.get(eventId))) return
  await verifyAdmissionToken(getHeader(event, 'x-admission-token'), config().authSecret, userId, eventId)
  const res = event.node.res
  res.once('close', () => void markAttempt(useRedis(), eventId, userId, res.statusCode === 201).catch(() => {}))
}
