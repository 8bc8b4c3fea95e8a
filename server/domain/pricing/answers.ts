// Answers to an event's checkout questions, checked against the questions and stored on the booking
// as { order: { questionId: value }, attendees: { placeId: { questionId: value } } }.
import type { AnswersInput } from '../../../shared/schemas/pricing.ts'
import type { AnswerValue } from '../../../shared/types/booking.ts'
import type { QuestionDto } from '../../../shared/types/pricing.ts'
import { DomainError } from '../errors.ts'

export interface StoredAnswers {
  order: Record<string, AnswerValue>
  attendees: Record<string, Record<string, AnswerValue>>
}

function stored(json: unknown): StoredAnswers {
  const value = (json ?? {}) as Partial<StoredAnswers>
  return { order: value.order ?? {}, attendees: value.attendees ?? {} }
}

export const orderAnswers = (json: unknown): Record<string, AnswerValue> => stored(json).order
export const attendeeAnswers = (json: unknown, placeId: string): Record<string, AnswerValue> => stored(json).attendees[placeId] ?? {}

function answered(q: QuestionDto, value: AnswerValue | undefined): boolean {
  if (value === undefined) return false
  if (q.kind === 'CHECKBOX') return value === true
  if (q.kind === 'MULTI') return Array.isArray(value) && value.length > 0
  return typeof value === 'string' && value.trim().length > 0
}

function fits(q: QuestionDto, value: AnswerValue): boolean {
  switch (q.kind) {
    case 'TEXT': return typeof value === 'string'
    case 'CHECKBOX': return typeof value === 'boolean'
    case 'CHOICE': return typeof value === 'string' && (value === '' || q.options.includes(value))
    case 'MULTI': return Array.isArray(value) && value.every(v => q.options.includes(v))
  }
}

export interface MissingAnswer {
  questionId: string
  label: string
  /** Set for a per-attendee question: the place whose attendee has not answered. */
  placeId?: string
}

/**
 * The answers to keep for a booking of these places, or 422 ANSWERS_REQUIRED naming every required
 * question left unanswered (400 for an answer that does not fit its question).
 */
export function checkAnswers(questions: QuestionDto[], placeIds: string[], input: AnswersInput | undefined): StoredAnswers {
  const given = { order: input?.order ?? {}, attendees: new Map((input?.attendees ?? []).map(a => [a.placeId, a.answers])) }
  const issues: { path: string, message: string }[] = []
  const missing: MissingAnswer[] = []
  const result: StoredAnswers = { order: {}, attendees: {} }
  const byId = new Map(questions.map(q => [q.id, q]))
  const take = (answers: Record<string, AnswerValue>, perAttendee: boolean, path: string): Record<string, AnswerValue> => {
    const kept: Record<string, AnswerValue> = {}
    for (const [id, value] of Object.entries(answers)) {
      const q = byId.get(id)
      if (!q || q.perAttendee !== perAttendee) issues.push({ path: `${path}.${id}`, message: 'This event asks no such question here.' })
      else if (!fits(q, value)) issues.push({ path: `${path}.${id}`, message: q.options.length ? `Choose from: ${q.options.join(', ')}.` : 'This answer does not fit the question.' })
      else kept[id] = value
    }
    return kept
  }
  result.order = take(given.order, false, 'answers.order')
  for (const [placeId, answers] of given.attendees) {
    if (!placeIds.includes(placeId)) issues.push({ path: `answers.attendees.${placeId}`, message: 'This place is not part of the booking.' })
    else result.attendees[placeId] = take(answers, true, `answers.attendees.${placeId}`)
  }
  if (issues.length) throw new DomainError('VALIDATION_FAILED', 'Some answers are not valid.', { issues })
  for (const q of questions.filter(q => q.required)) {
    if (!q.perAttendee) {
      if (!answered(q, result.order[q.id])) missing.push({ questionId: q.id, label: q.label })
      continue
    }
    for (const placeId of placeIds) {
      if (!answered(q, result.attendees[placeId]?.[q.id])) missing.push({ questionId: q.id, label: q.label, placeId })
    }
  }
  if (missing.length) {
    const labels = [...new Set(missing.map(m => m.label))].join('; ')
    throw new DomainError('ANSWERS_REQUIRED', `Please answer: ${labels}.`, { missing })
  }
  return result
}
