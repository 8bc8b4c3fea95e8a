// PATCH /api/events/:id: organisers and co-organisers edit any create field. A published event's
// edit is announced (event.updated, with whether the times moved) in the same transaction, and
// every edit that changed something leaves an audit row naming the changed fields.
import type { Db, Prisma } from '../../db/client.ts'
import type { UpdateEventBody } from '../../../shared/schemas/events.ts'
import type { EventDetailDto } from '../../../shared/types/event.ts'
import { writeOutbox } from '../../messaging/outbox.ts'
import { ROUTING_KEYS } from '../../messaging/names.ts'
import { DomainError } from '../errors.ts'
import { EDITOR_ROLES, loadEventForRole, type EventCaller } from './access.ts'
import { applySectionEdits } from './apply-section-edits.ts'
import { auditEvent } from './audit.ts'
import { eventDetail } from './event-detail.ts'
import { lockEvent } from './lock-event.ts'
import type { AfterCommit } from '../ports.ts'
import { saveWaitingRoom } from '../queue/room-settings.ts'
import { paymentSettingsChanges } from './payment-settings.ts'

type EventRow = Prisma.EventModel

/** The event columns the body asks for, and the names of the fields whose values really change. */
function plannedChanges(event: EventRow, body: UpdateEventBody): { data: Prisma.EventUpdateInput, fields: string[] } {
  const data: Prisma.EventUpdateInput = {}
  const fields: string[] = []
  const set = <K extends keyof Prisma.EventUpdateInput>(field: string, column: K, value: Prisma.EventUpdateInput[K], same: boolean) => {
    if (same) return
    data[column] = value
    if (!fields.includes(field)) fields.push(field)
  }
  if (body.title !== undefined) set('title', 'title', body.title, body.title === event.title)
  if (body.description !== undefined) set('description', 'description', body.description, body.description === event.description)
  if (body.category !== undefined) set('category', 'category', body.category, body.category === event.category)
  if (body.timezone !== undefined) set('timezone', 'timezone', body.timezone, body.timezone === event.timezone)
  if (body.holdMinutes !== undefined) set('holdMinutes', 'holdMinutes', body.holdMinutes, body.holdMinutes === event.holdMinutes)
  if (body.startsAt !== undefined) set('startsAt', 'startsAt', new Date(body.startsAt), Date.parse(body.startsAt) === event.startsAt.getTime())
  if (body.endsAt !== undefined) set('endsAt', 'endsAt', new Date(body.endsAt), Date.parse(body.endsAt) === event.endsAt.getTime())
  const venue = body.venue ?? {}
  if (venue.name !== undefined) set('venue', 'venueName', venue.name, venue.name === event.venueName)
  if (venue.address !== undefined) set('venue', 'venueAddress', venue.address, venue.address === event.venueAddress)
  if (venue.city !== undefined) set('venue', 'city', venue.city, venue.city === event.city)
  const payment = paymentSettingsChanges(event, body)
  return { data: { ...data, ...payment.data }, fields: [...fields, ...payment.fields] }
}

function checkMergedTimes(event: EventRow, body: UpdateEventBody): void {
  const startsAt = body.startsAt ? Date.parse(body.startsAt) : event.startsAt.getTime()
  const endsAt = body.endsAt ? Date.parse(body.endsAt) : event.endsAt.getTime()
  if (endsAt <= startsAt) {
    const path = body.endsAt ? 'endsAt' : 'startsAt'
    throw new DomainError('VALIDATION_FAILED', 'Some fields are not valid.', { issues: [{ path, message: 'The event must end after it starts.' }] })
  }
}

export async function updateEvent(db: Db, eventId: string, caller: EventCaller, body: UpdateEventBody, effects?: Pick<AfterCommit, 'waitingRoomChanged' | 'eventChanged'>): Promise<EventDetailDto> {
  await loadEventForRole(db, eventId, caller, EDITOR_ROLES)
  let roomChanged = false
  let changed = false
  const updated = await db.$transaction(async (tx) => {
    const locked = await lockEvent(tx, eventId)
    if (locked.status === 'CANCELLED') throw new DomainError('EVENT_CANCELLED', 'A cancelled event cannot be edited.')
    const event = await tx.event.findUniqueOrThrow({ where: { id: eventId } })
    checkMergedTimes(event, body)
    const { data, fields } = plannedChanges(event, body)
    if (body.sections && await applySectionEdits(tx, eventId, body.sections)) fields.push('sections')
    if ((roomChanged = await saveWaitingRoom(tx, eventId, body))) fields.push('waitingRoom')
    if (fields.length === 0) return eventDetail(tx, eventId)
    changed = true

    await tx.event.update({ where: { id: eventId }, data: { ...data, updatedAt: new Date() } })
    if (event.status === 'PUBLISHED') {
      const timesChanged = fields.includes('startsAt') || fields.includes('endsAt')
      await writeOutbox(tx, ROUTING_KEYS.eventUpdated, { eventId, timesChanged })
    }
    await auditEvent(tx, caller.userId, eventId, 'event.updated', { fields })
    return eventDetail(tx, eventId)
  }, { maxWait: 10_000, timeout: 60_000 })
  if (roomChanged) await effects?.waitingRoomChanged(eventId)
  if (changed) await effects?.eventChanged(eventId)
  return updated
}
