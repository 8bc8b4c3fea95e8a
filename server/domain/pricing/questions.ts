// An event's checkout questions (organisers write the whole list; anyone who sees the event reads
// it) and the buyer's answers on a booking, editable until the event starts.
import type { Db } from '../../db/client.ts'
import type { AnswersInput, PutQuestionsBody } from '../../../shared/schemas/pricing.ts'
import type { BookingDto } from '../../../shared/types/booking.ts'
import type { QuestionDto } from '../../../shared/types/pricing.ts'
import { DomainError } from '../errors.ts'
import { loadVisibleEvent, type EventCaller } from '../events/access.ts'
import { requireEventRole, ROLES } from '../organising/event-roles.ts'
import { loadBooking } from '../bookings/booking-dto.ts'
import { checkAnswers } from './answers.ts'

type Reader = Pick<Db, 'checkoutQuestion'>

/** The live questions of an event, in order. */
export async function eventQuestions(db: Reader, eventId: string): Promise<QuestionDto[]> {
  const rows = await db.checkoutQuestion.findMany({ where: { eventId, deletedAt: null }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] })
  return rows.map(q => ({ id: q.id, label: q.label, kind: q.kind, options: q.options, required: q.required, perAttendee: q.perAttendee }))
}

export async function listQuestions(db: Db, eventId: string, caller: EventCaller | undefined): Promise<QuestionDto[]> {
  await loadVisibleEvent(db, eventId, caller)
  return eventQuestions(db, eventId)
}

/** Replaces the list: questions left out are retired (answers already given keep their ids). */
export async function putQuestions(db: Db, eventId: string, caller: EventCaller, body: PutQuestionsBody): Promise<QuestionDto[]> {
  await requireEventRole(db, eventId, caller, ROLES.manage)
  return db.$transaction(async (tx) => {
    const current = await tx.checkoutQuestion.findMany({ where: { eventId, deletedAt: null }, select: { id: true } })
    const known = new Set(current.map(q => q.id))
    const issues = body.flatMap((q, i) => (q.id && !known.has(q.id) ? [{ path: `${i}.id`, message: 'This event has no question with this id.' }] : []))
    if (issues.length) throw new DomainError('VALIDATION_FAILED', 'Some fields are not valid.', { issues })
    const kept = new Set(body.map(q => q.id).filter(Boolean))
    await tx.checkoutQuestion.updateMany({ where: { eventId, deletedAt: null, id: { notIn: [...kept] as string[] } }, data: { deletedAt: new Date() } })
    for (const [sortOrder, q] of body.entries()) {
      const data = { label: q.label, kind: q.kind, options: q.options, required: q.required, perAttendee: q.perAttendee, sortOrder }
      if (q.id) await tx.checkoutQuestion.update({ where: { id: q.id }, data })
      else await tx.checkoutQuestion.create({ data: { ...data, eventId } })
    }
    return eventQuestions(tx, eventId)
  })
}

/** The answers a booking of this hold keeps, or 422 ANSWERS_REQUIRED. */
export async function answersForHold(db: Db, holdId: string, eventId: string, input: AnswersInput | undefined) {
  const [questions, places] = await Promise.all([
    eventQuestions(db, eventId),
    db.holdPlace.findMany({ where: { holdId }, select: { placeId: true } }),
  ])
  return checkAnswers(questions, places.map(p => p.placeId), input)
}

/** PATCH /api/bookings/:id/answers: the buyer's answers, replaced whole, until the event starts. */
export async function updateBookingAnswers(db: Db, bookingId: string, userId: string, input: AnswersInput, now = new Date()): Promise<BookingDto> {
  const booking = await db.booking.findFirst({
    where: { id: bookingId, userId },
    select: { eventId: true, status: true, holdId: true, event: { select: { startsAt: true } }, tickets: { where: { voidedAt: null }, select: { placeId: true } } },
  })
  if (!booking) throw new DomainError('NOT_FOUND', 'There is no such booking.')
  if (booking.event.startsAt <= now) throw new DomainError('EVENT_STARTED', 'Answers can be changed only until the event starts.')
  if (booking.status === 'CANCELLED' || booking.status === 'EXPIRED') throw new DomainError('CONFLICT', 'This booking has ended.', { reason: 'BOOKING_ENDED' })
  // A booking waiting for its card payment has no tickets yet: its places are still the hold's.
  const places = booking.tickets.length || !booking.holdId
    ? booking.tickets.map(t => t.placeId)
    : (await db.holdPlace.findMany({ where: { holdId: booking.holdId }, select: { placeId: true } })).map(p => p.placeId)
  const answers = checkAnswers(await eventQuestions(db, booking.eventId), places, input)
  await db.booking.update({ where: { id: bookingId }, data: { answers: { ...answers } } })
  return loadBooking(db, bookingId, userId)
}
