import { z } from 'zod'

export const MAX_PLACES_PER_HOLD = 10

export const createHoldBody = z.object({
  eventId: z.uuid(),
  seatIds: z.array(z.uuid()).max(MAX_PLACES_PER_HOLD).optional().default([]),
  ga: z.array(z.object({ sectionId: z.uuid(), quantity: z.number().int().min(1).max(MAX_PLACES_PER_HOLD) })).max(MAX_PLACES_PER_HOLD).optional().default([]),
}).strict().superRefine((body, ctx) => {
  const places = body.seatIds.length + body.ga.reduce((n, g) => n + g.quantity, 0)
  if (places === 0) ctx.addIssue({ code: 'custom', path: ['seatIds'], message: 'Choose at least one place.' })
  if (places > MAX_PLACES_PER_HOLD) ctx.addIssue({ code: 'custom', path: ['seatIds'], message: `A hold can have at most ${MAX_PLACES_PER_HOLD} places.` })
  if (new Set(body.seatIds).size !== body.seatIds.length) ctx.addIssue({ code: 'custom', path: ['seatIds'], message: 'A seat is listed twice.' })
  if (new Set(body.ga.map(g => g.sectionId)).size !== body.ga.length) ctx.addIssue({ code: 'custom', path: ['ga'], message: 'A section is listed twice.' })
})
export type CreateHoldBody = z.infer<typeof createHoldBody>

export const joinWaitlistBody = z.object({
  quantity: z.number().int().min(1).max(MAX_PLACES_PER_HOLD),
  sectionId: z.uuid().optional(),
}).strict()
