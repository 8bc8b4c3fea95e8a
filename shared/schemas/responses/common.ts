// Building blocks of the response schemas: what the API answers, described in zod so the OpenAPI
// document (server/openapi/) and the integration suite's response checks read the same source.
// Objects are strict: a field the schema does not name fails the check instead of slipping through.
import { z } from 'zod'
import { ERROR_CODES } from '../../errors/error-codes'

export const instant = z.string().meta({ format: 'date-time', description: 'ISO-8601 with offset' })
export const uuid = z.string().meta({ format: 'uuid' })

export const money = z.strictObject({
  amountCents: z.number().int(),
  currency: z.string().meta({ description: 'ISO 4217, e.g. EUR' }),
}).meta({ id: 'Money' })

export const sectionKind = z.enum(['SEATED', 'GA'])

/** What both seat-map documents (v1 /seats and the v1.1 geometry) say of a section before its rows. */
export const seatMapSection = z.strictObject({ id: uuid, name: z.string(), kind: sectionKind, price: money, capacity: z.number().int() })

export const venue = z.strictObject({ name: z.string(), address: z.string(), city: z.string() })

/** `{items, page, pageSize, total}` (docs/API.md, Conventions). */
export function page<S extends z.ZodType>(item: S) {
  return z.strictObject({ items: z.array(item), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() })
}

export const apiError = z.strictObject({
  statusCode: z.number().int(),
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
}).meta({ id: 'ApiError', description: 'Every error answer (docs/API.md, Conventions and Error codes).' })

/** Routes whose JSON body the spec does not yet spell out field by field. */
export const jsonObject = z.looseObject({}).meta({ description: 'A JSON object; see docs/API.md for its fields.' })

/** True when what a schema parses to and a DTO type are the same type both ways (see match-dtos.ts). */
export type Describes<S extends z.ZodType, T> = [z.output<S>] extends [T] ? ([T] extends [z.output<S>] ? true : false) : false
