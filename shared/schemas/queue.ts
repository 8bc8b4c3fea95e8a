import { z } from 'zod'

const instant = z.iso.datetime({ offset: true, message: 'Use an ISO-8601 date and time with an offset.' })

/** The organiser's waiting-room settings (PATCH /api/events/:id `{waitingRoom}`; POST /api/events too). */
export const waitingRoomInput = z.object({
  enabled: z.boolean().optional(),
  opensAt: instant.optional(),
  salesStartAt: instant.optional(),
  /** A fixed admission rate; null or absent: automatic (follows what the system sustains). */
  admitPerMinute: z.number().int('Use a whole number.').min(1, 'Use at least 1.').max(100_000, 'Use at most 100000.').nullish(),
}).strict().superRefine((w, ctx) => {
  if (w.opensAt && w.salesStartAt && Date.parse(w.opensAt) > Date.parse(w.salesStartAt)) {
    ctx.addIssue({ code: 'custom', path: ['opensAt'], message: 'The waiting room opens before the sale starts.' })
  }
})
export type WaitingRoomInput = z.infer<typeof waitingRoomInput>

/** The event-schema fields the waiting room adds (POST and PATCH /api/events). */
export const waitingRoomFields = {
  /** A high-demand event gets the waiting room on unless the settings say otherwise. */
  highDemand: z.boolean().optional(),
  waitingRoom: waitingRoomInput.optional(),
}
