import { z } from 'zod'

export const MAX_PLACES_PER_HOLD = 10

export const promoCodeText = z.string().trim().min(1, 'Enter a code.').max(40, 'Use at most 40 characters.')

/**
 * `seats` names a ticket type per seat; `seatIds` alone (the v1 shape) means each section's default
 * type. GA lines may name a type; a section may appear once per type (e.g. 2 adult + 1 child).
 * The parsed body lists every seat in `seatIds` with its type, if any, in `seatTypeIds`.
 */
export const createHoldBody = z.object({
  eventId: z.uuid(),
  seatIds: z.array(z.uuid()).max(MAX_PLACES_PER_HOLD).optional().default([]),
  seats: z.array(z.object({ seatId: z.uuid(), ticketTypeId: z.uuid().optional() }).strict()).max(MAX_PLACES_PER_HOLD).optional().default([]),
  ga: z.array(z.object({
    sectionId: z.uuid(),
    quantity: z.number().int().min(1).max(MAX_PLACES_PER_HOLD),
    ticketTypeId: z.uuid().optional(),
  }).strict()).max(MAX_PLACES_PER_HOLD).optional().default([]),
  promoCode: promoCodeText.optional(),
}).strict().superRefine((body, ctx) => {
  const seatIds = [...body.seatIds, ...body.seats.map(s => s.seatId)]
  const places = seatIds.length + body.ga.reduce((n, g) => n + g.quantity, 0)
  if (places === 0) ctx.addIssue({ code: 'custom', path: ['seatIds'], message: 'Choose at least one place.' })
  if (places > MAX_PLACES_PER_HOLD) ctx.addIssue({ code: 'custom', path: ['seatIds'], message: `A hold can have at most ${MAX_PLACES_PER_HOLD} places.` })
  if (new Set(seatIds).size !== seatIds.length) ctx.addIssue({ code: 'custom', path: ['seatIds'], message: 'A seat is listed twice.' })
  const lines = body.ga.map(g => `${g.sectionId}/${g.ticketTypeId ?? ''}`)
  if (new Set(lines).size !== lines.length) ctx.addIssue({ code: 'custom', path: ['ga'], message: 'A section is listed twice with the same ticket type.' })
}).transform(body => ({
  eventId: body.eventId,
  seatIds: [...body.seatIds, ...body.seats.map(s => s.seatId)],
  seatTypeIds: [...body.seatIds.map(() => null), ...body.seats.map(s => s.ticketTypeId ?? null)] as (string | null)[],
  ga: body.ga,
  promoCode: body.promoCode,
}))
export type CreateHoldBody = z.infer<typeof createHoldBody>

export const joinWaitlistBody = z.object({
  quantity: z.number().int().min(1).max(MAX_PLACES_PER_HOLD),
  sectionId: z.uuid().optional(),
}).strict()
