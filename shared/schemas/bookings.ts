import { z } from 'zod'
import { MAX_PLACES_PER_HOLD } from './holds'
import { pagination } from './pagination'
import { bookingPaymentInput } from './payments'
import { answersInput } from './pricing'

export const createBookingBody = z.object({
  holdId: z.uuid(),
  /** How to pay: `{method: "card"}` (Stripe Checkout) or at the venue (the default, v1's `{provider: "pay_at_venue"}`). */
  payment: bookingPaymentInput.optional(),
  /** Answers to the event's checkout questions (v1.1); required ones missing → 422 ANSWERS_REQUIRED. */
  answers: answersInput.optional(),
}).strict()

export const bookingAnswersBody = answersInput

export const changeSeatsBody = z.object({
  seatIds: z.array(z.uuid()).min(1).max(MAX_PLACES_PER_HOLD).refine(ids => new Set(ids).size === ids.length, 'A seat is listed twice.'),
}).strict()

export const listBookingsQuery = z.object(pagination)
