import { z } from 'zod'
import { MAX_PLACES_PER_HOLD } from './holds'
import { pagination } from './pagination'

export const createBookingBody = z.object({
  holdId: z.uuid(),
  /** Provider input; the shipped pay-at-venue provider needs none. */
  payment: z.object({ provider: z.enum(['pay_at_venue']).default('pay_at_venue') }).catchall(z.unknown()).optional(),
}).strict()

export const changeSeatsBody = z.object({
  seatIds: z.array(z.uuid()).min(1).max(MAX_PLACES_PER_HOLD).refine(ids => new Set(ids).size === ids.length, 'A seat is listed twice.'),
}).strict()

export const listBookingsQuery = z.object(pagination)
