// Answers to checkout questions: what counts as answered, what does not fit, and who is missing.
import { describe, expect, it } from 'vitest'
import { checkAnswers } from '../../server/domain/pricing/answers.ts'
import type { QuestionDto } from '../../shared/types/pricing.ts'

const q = (id: string, kind: QuestionDto['kind'], extra: Partial<QuestionDto> = {}): QuestionDto =>
  ({ id, label: `Q ${id}`, kind, options: kind === 'CHOICE' || kind === 'MULTI' ? ['a', 'b'] : [], required: true, perAttendee: false, ...extra })

function codeOf(fn: () => unknown): { code: string, details: unknown } {
  try {
    fn()
  } catch (e) {
    return e as { code: string, details: unknown }
  }
  throw new Error('expected a refusal')
}

describe('checkAnswers', () => {
  const questions = [q('waiver', 'CHECKBOX'), q('diet', 'CHOICE', { perAttendee: true }), q('extras', 'MULTI', { required: false }), q('note', 'TEXT', { required: false })]

  it('keeps complete answers, per order and per attendee', () => {
    const kept = checkAnswers(questions, ['p1', 'p2'], {
      order: { waiver: true, extras: ['a', 'b'], note: 'hi' },
      attendees: [{ placeId: 'p1', answers: { diet: 'a' } }, { placeId: 'p2', answers: { diet: 'b' } }],
    })
    expect(kept).toEqual({ order: { waiver: true, extras: ['a', 'b'], note: 'hi' }, attendees: { p1: { diet: 'a' }, p2: { diet: 'b' } } })
  })

  it('names every required answer missing: an unticked waiver, an attendee without an answer', () => {
    const refused = codeOf(() => checkAnswers(questions, ['p1', 'p2'], { order: { waiver: false }, attendees: [{ placeId: 'p1', answers: { diet: 'a' } }] }))
    expect(refused.code).toBe('ANSWERS_REQUIRED')
    expect(refused.details).toEqual({ missing: [{ questionId: 'waiver', label: 'Q waiver' }, { questionId: 'diet', label: 'Q diet', placeId: 'p2' }] })
  })

  it('refuses answers that do not fit: an unknown option, a question of the other kind, a place not booked', () => {
    expect(codeOf(() => checkAnswers(questions, ['p1'], { order: { waiver: true, extras: ['z'] }, attendees: [{ placeId: 'p1', answers: { diet: 'a' } }] })).code).toBe('VALIDATION_FAILED')
    expect(codeOf(() => checkAnswers(questions, ['p1'], { order: { waiver: true, diet: 'a' }, attendees: [] })).code).toBe('VALIDATION_FAILED')
    expect(codeOf(() => checkAnswers(questions, ['p1'], { order: { waiver: true }, attendees: [{ placeId: 'p9', answers: { diet: 'a' } }] })).code).toBe('VALIDATION_FAILED')
  })

  it('asks nothing of an event without questions', () => {
    expect(checkAnswers([], ['p1'], undefined)).toEqual({ order: {}, attendees: {} })
  })
})
