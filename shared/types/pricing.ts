import type { TicketTypeDto } from './event'

export type PromoKind = 'PERCENT' | 'AMOUNT' | 'UNLOCK'

/** An event's promo or access code as its organisers see it. */
export interface PromoCodeDto {
  id: string
  code: string
  kind: PromoKind
  /** PERCENT: percent off; AMOUNT: minor units off each ticket; UNLOCK: null. */
  value: number | null
  maxUses: number | null
  /** Holds that carry it now (unexpired) or became bookings. */
  uses: number
  validFrom: string | null
  validTo: string | null
  /** Empty: every type (for UNLOCK: every hidden type). */
  ticketTypeIds: string[]
  createdAt: string
}

/** GET /api/events/:id/promo-codes/check: what a code does, before holding. */
export interface PromoCheckDto {
  code: string
  kind: PromoKind
  value: number | null
  ticketTypeIds: string[]
  /** The hidden types the code reveals (UNLOCK). */
  unlocks: (TicketTypeDto & { sectionId: string })[]
}

export type QuestionKind = 'TEXT' | 'CHOICE' | 'MULTI' | 'CHECKBOX'

export interface QuestionDto {
  id: string
  label: string
  kind: QuestionKind
  options: string[]
  required: boolean
  perAttendee: boolean
}
