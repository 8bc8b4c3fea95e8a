// The waiting room and the waitlist, as a buyer and as the organiser see them.
import { z } from 'zod'
import { instant, uuid } from './common'

const phase = z.enum(['PENDING', 'OPEN', 'SELLING', 'CLOSED'])

export const queueStatusResponse = z.strictObject({
  eventId: uuid,
  state: z.enum(['WAITING', 'ADMITTED', 'CLOSED']),
  phase,
  preQueue: z.boolean(),
  position: z.number().int().nullable(),
  ahead: z.number().int().nullable(),
  etaSeconds: z.number().nullable(),
  placesLeft: z.number().int().nullable(),
  queueLength: z.number().int(),
  salesStartAt: instant,
  admissionToken: z.string().optional(),
  admittedUntil: instant.optional(),
  lapsed: z.boolean().optional(),
  closedReason: z.enum(['SOLD_OUT', 'DISABLED']).optional(),
  waitlist: z.boolean().optional(),
}).meta({ id: 'QueueStatus' })

export const queueProofResponse = z.strictObject({
  eventId: uuid,
  commitment: z.string(),
  salesStartAt: instant,
  seed: z.string().optional(),
  order: z.array(z.string()).optional(),
  algorithm: z.string(),
}).meta({ id: 'QueueProof' })

export const queueOverviewResponse = z.strictObject({
  eventId: uuid,
  phase,
  length: z.number().int(),
  waiting: z.number().int(),
  admitted: z.number().int(),
  rate: z.number(),
  mode: z.enum(['AUTOMATIC', 'FIXED']),
  placesLeft: z.number().int().nullable(),
  held: z.number().int().nullable(),
  targetInProgress: z.number().nullable(),
  inProgress: z.number().int(),
}).meta({ id: 'QueueOverview' })

export const waitlistStatusResponse = z.strictObject({
  id: uuid,
  eventId: uuid,
  status: z.enum(['WAITING', 'OFFERED']),
  quantity: z.number().int(),
  sectionId: uuid.nullable(),
  position: z.number().int(),
  offer: z.strictObject({ holdId: uuid, expiresAt: instant }).nullable(),
}).meta({ id: 'WaitlistStatus' })
