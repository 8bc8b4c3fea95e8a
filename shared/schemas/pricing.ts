import { z } from 'zod'
import { promoCodeText } from './holds'

const instant = z.iso.datetime({ offset: true, message: 'Use an ISO-8601 date and time with an offset.' })

/** POST /api/events/:id/promo-codes */
export const createPromoCodeBody = z.object({
  code: promoCodeText.regex(/^[A-Za-z0-9_-]+$/, 'Use letters, digits, - and _ only.'),
  kind: z.enum(['PERCENT', 'AMOUNT', 'UNLOCK']),
  value: z.number().int('Use a whole number.').min(1, 'Use at least 1.').max(10_000_000).nullish(),
  maxUses: z.number().int('Use a whole number.').min(1, 'Use at least 1.').max(1_000_000).nullish(),
  validFrom: instant.nullish(),
  validTo: instant.nullish(),
  ticketTypeIds: z.array(z.uuid()).max(200).optional().default([]),
}).strict().superRefine((b, ctx) => {
  if (b.kind === 'UNLOCK' && b.value != null) ctx.addIssue({ code: 'custom', path: ['value'], message: 'An unlock code has no value.' })
  if (b.kind !== 'UNLOCK' && b.value == null) ctx.addIssue({ code: 'custom', path: ['value'], message: 'Enter the discount.' })
  if (b.kind === 'PERCENT' && b.value != null && b.value > 100) ctx.addIssue({ code: 'custom', path: ['value'], message: 'A percentage is at most 100.' })
  if (b.validFrom && b.validTo && Date.parse(b.validTo) <= Date.parse(b.validFrom)) {
    ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'The code must end after it starts.' })
  }
})
export type CreatePromoCodeBody = z.infer<typeof createPromoCodeBody>

/** GET /api/events/:id/promo-codes/check?code= (checked after the event, so an unknown event is 404 first) */
export const checkPromoQuery = z.object({ code: z.string().trim().max(40, 'Use at most 40 characters.').optional().default('') })

/** /api/events/:id/promo-codes/:codeId */
export const promoCodeParams = z.object({ id: z.uuid(), codeId: z.uuid() })

export const QUESTION_KINDS = ['TEXT', 'CHOICE', 'MULTI', 'CHECKBOX'] as const

/** PUT /api/events/:id/questions: the complete list, in order; questions left out are retired. */
export const putQuestionsBody = z.array(z.object({
  id: z.uuid().optional(),
  label: z.string().trim().min(1, 'Enter the question.').max(300, 'Use at most 300 characters.'),
  kind: z.enum(QUESTION_KINDS),
  options: z.array(z.string().trim().min(1).max(100)).max(30).optional().default([]),
  required: z.boolean().optional().default(false),
  perAttendee: z.boolean().optional().default(false),
}).strict().superRefine((q, ctx) => {
  if ((q.kind === 'CHOICE' || q.kind === 'MULTI') && q.options.length < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: 'Give at least two options.' })
  if ((q.kind === 'TEXT' || q.kind === 'CHECKBOX') && q.options.length > 0) ctx.addIssue({ code: 'custom', path: ['options'], message: 'Only choice questions have options.' })
})).max(30, 'Use at most 30 questions.')
export type PutQuestionsBody = z.infer<typeof putQuestionsBody>

const answerValue = z.union([z.string().max(2000), z.array(z.string().max(100)).max(30), z.boolean()])

/** Answers to checkout questions: per order, and per attendee (place) of the booking. */
export const answersInput = z.object({
  order: z.record(z.uuid(), answerValue).optional().default({}),
  attendees: z.array(z.object({ placeId: z.uuid(), answers: z.record(z.uuid(), answerValue) }).strict()).max(10).optional().default([]),
}).strict()
export type AnswersInput = z.infer<typeof answersInput>
