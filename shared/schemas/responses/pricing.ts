// Promo and access codes and checkout questions, as organisers and buyers see them.
import { z } from 'zod'
import { instant, uuid } from './common'
import { ticketTypeResponse } from './events'

const promoKind = z.enum(['PERCENT', 'AMOUNT', 'UNLOCK'])

export const promoCodeResponse = z.strictObject({
  id: uuid,
  code: z.string(),
  kind: promoKind,
  value: z.number().int().nullable(),
  maxUses: z.number().int().nullable(),
  uses: z.number().int(),
  validFrom: instant.nullable(),
  validTo: instant.nullable(),
  ticketTypeIds: z.array(uuid),
  createdAt: instant,
}).meta({ id: 'PromoCode' })

export const promoCheckResponse = z.strictObject({
  code: z.string(),
  kind: promoKind,
  value: z.number().int().nullable(),
  ticketTypeIds: z.array(uuid),
  unlocks: z.array(ticketTypeResponse.extend({ sectionId: uuid })),
}).meta({ id: 'PromoCheck' })

export const questionResponse = z.strictObject({
  id: uuid,
  label: z.string(),
  kind: z.enum(['TEXT', 'CHOICE', 'MULTI', 'CHECKBOX']),
  options: z.array(z.string()),
  required: z.boolean(),
  perAttendee: z.boolean(),
}).meta({ id: 'Question' })
