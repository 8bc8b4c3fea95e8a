import { z } from 'zod'
import { pagination } from './pagination'

const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date())
/** An empty parameter (`?city=`), as a cleared form field sends it, means no filter. */
const optional = <S extends z.ZodType>(schema: S) => z.preprocess(v => (v === '' ? undefined : v), schema.optional())
const cents = z.coerce.number().int().min(0).max(100_000_000)

export const searchQuery = z.object({
  ...pagination,
  q: optional(z.string().max(200)),
  from: optional(isoDate),
  to: optional(isoDate),
  city: optional(z.string().trim().max(100)),
  category: optional(z.string().trim().max(100)),
  /** Bounds of the lowest ticket price, in minor units (cents). */
  minPrice: optional(cents),
  maxPrice: optional(cents),
}).refine(q => q.minPrice === undefined || q.maxPrice === undefined || q.minPrice <= q.maxPrice, {
  message: 'minPrice must not be above maxPrice.',
  path: ['minPrice'],
})

export const suggestQuery = z.object({
  q: z.string().max(200).default(''),
})
