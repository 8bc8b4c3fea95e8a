// A web process's short memory of places it has just seen taken, so that in a sale rush the
// thousands of buyers asking for places that are gone are refused without a database call.
//
// It only ever refuses; every grant is still decided by bookify_claim_hold, so it cannot oversell.
// What it may do is refuse a place that became free a moment ago, and that window is bounded:
//   - every entry lives at most `ttlMs` (1 s), and never past the earliest moment a remembered hold
//     could lapse (lazy expiry stays exact);
//   - any announcement that places of an event were freed (Redis pub/sub, from any instance or
//     worker) forgets the whole event at once;
//   - places held by the caller count as free for the caller (a new hold replaces their old one),
//     so the memo never refuses a buyer the places they already hold.
// The same rules hold for a ticket type whose quota is reached and a promo code whose uses are all
// taken: a hold that lapses or is released frees places, which forgets the event; the holders of
// the type or code are exempt (their new hold gives their old one's quota and use back first).
import type { CreateHoldBody } from '../../../shared/schemas/holds.ts'
import { claimRefusal, promoRefusal, typeRefusal } from './claim-refusal.ts'
import type { DomainError } from '../errors.ts'

/** What the memo looks at: the places asked for, their ticket types and the code. */
type MemoRequest = Pick<CreateHoldBody, 'eventId' | 'seatIds' | 'ga'> & Partial<Pick<CreateHoldBody, 'seatTypeIds' | 'promoCode'>>

export const REFUSAL_MEMO_TTL_MS = 1_000

interface TakenSeat {
  /** Who holds it; null when it is booked (nobody can claim it). */
  holderId: string | null
  until: number
}

interface ShortSection {
  /** Free units at the time of the refusal; a request for more is refused. */
  available: number
  /** Users holding units of the section, for whom their own units count as free. */
  holders: Set<string>
  until: number
}

/** A ticket type with `available` units left of its quota, or a code with no use left (available 0). */
type Short = ShortSection

interface EventMemo {
  seats: Map<string, TakenSeat>
  sections: Map<string, ShortSection>
  /** Ticket types at (or near) their quota, by id. */
  types: Map<string, Short>
  /** Promo codes with every use taken, by their case-folded text. */
  usedUpCodes: Map<string, Short>
  /** Until when the event was seen with no free place at all (answers SOLD_OUT, not SEATS_UNAVAILABLE). */
  soldOutUntil: number
}

interface SeatHolding {
  placeId: string
  holderId: string | null
  /** When the hold lapses; null for a booked place. */
  heldUntil: Date | null
}

const PRUNE_EVERY_MS = 10_000

export class RefusalMemo {
  private readonly events = new Map<string, EventMemo>()
  private nextPruneAt = 0

  constructor(
    private readonly ttlMs = REFUSAL_MEMO_TTL_MS,
    private readonly clock: () => number = Date.now,
    private readonly onRefused: () => void = () => {},
  ) {}

  /** The refusal the database would give this request, if the memo knows it; else undefined. */
  refusal(userId: string, body: MemoRequest): DomainError | undefined {
    const refused = this.lookUp(userId, body)
    if (refused) this.onRefused()
    return refused
  }

  private lookUp(userId: string, body: MemoRequest): DomainError | undefined {
    const memo = this.events.get(body.eventId)
    if (!memo) return undefined
    const now = this.clock()
    // In the database's order: a full type and a used-up code are refused before any place is looked at.
    for (const [typeId, asked] of typesAsked(body)) {
      const type = memo.types.get(typeId)
      if (type && type.until > now && !type.holders.has(userId) && asked > type.available) return typeRefusal('quota', typeId)
    }
    const code = body.promoCode ? memo.usedUpCodes.get(body.promoCode.toLowerCase()) : undefined
    if (code && code.until > now && !code.holders.has(userId)) return promoRefusal('used_up')
    const taken = body.seatIds.filter((id) => {
      const seat = memo.seats.get(id)
      return seat !== undefined && seat.until > now && seat.holderId !== userId
    })
    if (taken.length > 0) {
      return memo.soldOutUntil > now ? claimRefusal('SOLD_OUT') : claimRefusal('SEATS_UNAVAILABLE', { unavailable: taken })
    }
    for (const ask of body.ga) {
      const section = memo.sections.get(ask.sectionId)
      if (!section || section.until <= now || section.holders.has(userId) || ask.quantity <= section.available) continue
      return section.available === 0
        ? claimRefusal('SOLD_OUT', { sectionId: ask.sectionId })
        : claimRefusal('SEATS_UNAVAILABLE', { sectionId: ask.sectionId, available: section.available })
    }
    return undefined
  }

  /** Seats seen taken: just granted by this process, or refused by the database with their holders. */
  rememberSeats(eventId: string, seats: SeatHolding[], eventSoldOut = false): void {
    const memo = this.event(eventId)
    const now = this.clock()
    const cap = now + this.ttlMs
    for (const seat of seats) {
      const until = seat.heldUntil ? Math.min(cap, seat.heldUntil.getTime()) : cap
      if (until > now) memo.seats.set(seat.placeId, { holderId: seat.holderId, until })
    }
    if (eventSoldOut) memo.soldOutUntil = cap
  }

  /** A GA section the database found short: `available` free units; `nextFreeAt`: its earliest hold expiry. */
  rememberSection(eventId: string, sectionId: string, available: number, holders: string[], nextFreeAt: Date | null): void {
    this.rememberShort(eventId, 'sections', sectionId, available, holders, nextFreeAt)
  }

  /** A ticket type the database refused for its quota: `available` units were left of it. */
  rememberFullType(eventId: string, typeId: string, available: number, holders: string[], nextFreeAt: Date | null): void {
    this.rememberShort(eventId, 'types', typeId, available, holders, nextFreeAt)
  }

  /** A promo code the database found used up; `nextFreeAt`: when the first hold carrying it lapses. */
  rememberUsedUpCode(eventId: string, code: string, holders: string[], nextFreeAt: Date | null): void {
    this.rememberShort(eventId, 'usedUpCodes', code.toLowerCase(), 0, holders, nextFreeAt)
  }

  private rememberShort(eventId: string, kind: 'sections' | 'types' | 'usedUpCodes', key: string, available: number, holders: string[], nextFreeAt: Date | null): void {
    const now = this.clock()
    const until = Math.min(now + this.ttlMs, nextFreeAt?.getTime() ?? Number.POSITIVE_INFINITY)
    if (until > now) this.event(eventId)[kind].set(key, { available, holders: new Set(holders), until })
  }

  /** Whether a short section is remembered right now (so the caller need not look up its holders again). */
  knowsSection(eventId: string, sectionId: string): boolean {
    return this.knows(eventId, 'sections', sectionId)
  }

  /** Whether a full type or used-up code is remembered right now. */
  knowsType(eventId: string, typeId: string): boolean {
    return this.knows(eventId, 'types', typeId)
  }

  knowsUsedUpCode(eventId: string, code: string): boolean {
    return this.knows(eventId, 'usedUpCodes', code.toLowerCase())
  }

  private knows(eventId: string, kind: 'sections' | 'types' | 'usedUpCodes', key: string): boolean {
    const entry = this.events.get(eventId)?.[kind].get(key)
    return entry !== undefined && entry.until > this.clock()
  }

  /** Places of the event were freed somewhere: forget everything about it. */
  forgetEvent(eventId: string): void {
    this.events.delete(eventId)
  }

  /** Drops lapsed entries; called now and then so a long-running process does not accumulate them. */
  prune(): void {
    const now = this.clock()
    for (const [eventId, memo] of this.events) {
      for (const [id, seat] of memo.seats) if (seat.until <= now) memo.seats.delete(id)
      for (const entries of [memo.sections, memo.types, memo.usedUpCodes]) {
        for (const [id, entry] of entries) if (entry.until <= now) entries.delete(id)
      }
      const empty = memo.seats.size + memo.sections.size + memo.types.size + memo.usedUpCodes.size === 0
      if (empty && memo.soldOutUntil <= now) this.events.delete(eventId)
    }
  }

  private event(eventId: string): EventMemo {
    const now = this.clock()
    if (now >= this.nextPruneAt) {
      this.nextPruneAt = now + PRUNE_EVERY_MS
      this.prune()
    }
    let memo = this.events.get(eventId)
    if (!memo) this.events.set(eventId, (memo = { seats: new Map(), sections: new Map(), types: new Map(), usedUpCodes: new Map(), soldOutUntil: 0 }))
    return memo
  }
}

/** How many places of each named ticket type the request asks for (a seat without a type: its section's default, unknown here). */
function typesAsked(body: MemoRequest): Map<string, number> {
  const asked = new Map<string, number>()
  const add = (typeId: string | null | undefined, n: number) => {
    if (typeId) asked.set(typeId, (asked.get(typeId) ?? 0) + n)
  }
  body.seatTypeIds?.forEach(typeId => add(typeId, 1))
  for (const line of body.ga) add(line.ticketTypeId, line.quantity)
  return asked
}
