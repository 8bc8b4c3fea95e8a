// POST /api/events/:id/publish: DRAFT → PUBLISHED, announced with event.published. Publishing a
// published event again changes nothing and answers the same event.
import type { Db } from '../../db/client.ts'
import type { EventDetailDto } from '../../../shared/types/event.ts'
import { writeOutbox } from '../../messaging/outbox.ts'
import { ROUTING_KEYS } from '../../messaging/names.ts'
import { DomainError } from '../errors.ts'
import { EDITOR_ROLES, loadEventForRole, type EventCaller } from './access.ts'
import { auditEvent } from './audit.ts'
import { eventDetail } from './event-detail.ts'
import { lockEvent } from './lock-event.ts'
import type { AfterCommit } from '../ports.ts'

export async function publishEvent(db: Db, eventId: string, caller: EventCaller, now = new Date(), effects?: Pick<AfterCommit, 'eventChanged'>): Promise<EventDetailDto> {
  await loadEventForRole(db, eventId, caller, EDITOR_ROLES)
  let published = false
  const detail = await db.$transaction(async (tx) => {
    const event = await lockEvent(tx, eventId)
    if (event.status === 'CANCELLED') throw new DomainError('EVENT_CANCELLED', 'A cancelled event cannot be published.')
    if (event.status === 'DRAFT') {
      if (event.startsAt <= now) throw new DomainError('EVENT_STARTED', 'An event whose start has passed cannot be published; move its start first.', { startsAt: event.startsAt.toISOString() })
      await tx.event.update({ where: { id: eventId }, data: { status: 'PUBLISHED', publishedAt: now } })
      await writeOutbox(tx, ROUTING_KEYS.eventPublished, { eventId })
      await auditEvent(tx, caller.userId, eventId, 'event.published')
      published = true
    }
    return eventDetail(tx, eventId)
  })
  if (published) await effects?.eventChanged(eventId)
  return detail
}
