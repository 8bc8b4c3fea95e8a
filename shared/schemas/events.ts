import { z } from 'zod'
import { pagination } from './pagination'

const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date())

export const listEventsQuery = z.object({
  ...pagination,
  q: z.string().trim().max(200).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  city: z.string().trim().max(100).optional(),
  category: z.string().trim().max(100).optional(),
  organiserId: z.uuid().optional(),
})
export type ListEventsQuery = z.infer<typeof listEventsQuery>
