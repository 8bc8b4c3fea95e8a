// Search, the seat map's two halves (geometry and availability), and notifications.
import { z } from 'zod'
import { instant, money, seatMapSection, uuid } from './common'

const facets = z.strictObject({ cities: z.array(z.string()), categories: z.array(z.string()) })

export const searchPageResponse = z.strictObject({
  items: z.array(z.strictObject({
    id: uuid,
    title: z.string(),
    category: z.string(),
    startsAt: instant,
    endsAt: instant,
    timezone: z.string(),
    venue: z.strictObject({ name: z.string(), city: z.string() }),
    priceFrom: money.nullable(),
    score: z.number(),
    matchedTerms: z.array(z.string()),
  })),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  facets,
}).meta({ id: 'SearchPage' })

export const suggestResponse = z.strictObject({
  suggestions: z.array(z.strictObject({ text: z.string(), kind: z.enum(['title', 'term']) })),
}).meta({ id: 'Suggestions' })

/** The offline search index: its packed lunr index is opaque to clients (shared/search/packed-index.ts reads it). */
export const searchIndexResponse = z.strictObject({
  format: z.literal(1),
  builtAt: instant,
  index: z.looseObject({}).meta({ description: 'lunr index, packed (shared/search/packed-index.ts)' }),
  docs: z.array(z.tuple([z.string(), z.string(), z.number(), z.number(), z.string(), z.string(), z.string(), z.string(), z.number().nullable(), z.string().nullable()])),
  terms: z.array(z.tuple([z.string(), z.number()])),
  facets,
}).meta({ id: 'SearchIndex' })

export const seatGeometryResponse = z.strictObject({
  eventId: uuid,
  sections: z.array(seatMapSection.extend({
    rows: z.array(z.strictObject({
      label: z.string(),
      seats: z.array(z.strictObject({ id: uuid, label: z.string(), number: z.number().int().nullable(), x: z.number().nullable(), y: z.number().nullable() })),
    })),
  })),
}).meta({ id: 'SeatGeometry' })

export const seatAvailabilityResponse = z.strictObject({
  eventId: uuid,
  geometryVersion: z.string(),
  available: z.number().int(),
  total: z.number().int(),
  sections: z.array(z.strictObject({
    id: uuid,
    available: z.number().int(),
    total: z.number().int(),
    statuses: z.string().optional().meta({ description: '2 bits a seat, 4 to a byte, base64, in the geometry\'s seat order' }),
  })),
}).meta({ id: 'SeatAvailability' })

export const notificationResponse = z.strictObject({
  id: uuid,
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  readAt: instant.nullable(),
  createdAt: instant,
}).meta({ id: 'Notification' })
