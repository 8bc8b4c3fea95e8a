// The refusal memo may only refuse what the database refused or granted to someone else a moment
// ago, never past a hold's own expiry or its lifetime, and never a holder their own places.
import { describe, expect, it } from 'vitest'
import { RefusalMemo } from '../../server/domain/holds/refusal-memo.ts'
import { DomainError } from '../../server/domain/errors.ts'

const EVENT = '00000000-0000-4000-8000-000000000001'
const SECTION = '00000000-0000-4000-8000-0000000000aa'
const [A1, A2, A3] = ['a1', 'a2', 'a3'].map(s => `00000000-0000-4000-9000-0000000000${s}`) as [string, string, string]

function memoAt(start = 1_000_000) {
  const clock = { now: start }
  let refused = 0
  const memo = new RefusalMemo(1_000, () => clock.now, () => { refused++ })
  return { memo, clock, refusedCount: () => refused }
}

const seats = (seatIds: string[]) => ({ eventId: EVENT, seatIds, ga: [] })
const ga = (quantity: number) => ({ eventId: EVENT, seatIds: [], ga: [{ sectionId: SECTION, quantity }] })

describe('RefusalMemo', () => {
  it('refuses a remembered seat held by someone else, with the database\'s answer and only the taken seats listed', () => {
    const { memo, refusedCount } = memoAt()
    memo.rememberSeats(EVENT, [{ placeId: A1, holderId: 'alice', heldUntil: new Date(2_000_000) }])
    const refusal = memo.refusal('bob', seats([A1, A2]))
    expect(refusal).toBeInstanceOf(DomainError)
    expect(refusal).toMatchObject({ code: 'SEATS_UNAVAILABLE', message: 'Some of those places were just taken.', details: { unavailable: [A1] } })
    expect(refusedCount()).toBe(1)
    expect(memo.refusal('bob', seats([A2, A3]))).toBeUndefined()
    expect(refusedCount()).toBe(1)
  })

  it('never refuses the holder their own seats (a new hold replaces their old one)', () => {
    const { memo } = memoAt()
    memo.rememberSeats(EVENT, [{ placeId: A1, holderId: 'alice', heldUntil: new Date(2_000_000) }])
    expect(memo.refusal('alice', seats([A1, A2]))).toBeUndefined()
  })

  it('refuses a booked seat to everyone, and says SOLD_OUT when the database found the event sold out', () => {
    const { memo } = memoAt()
    memo.rememberSeats(EVENT, [{ placeId: A1, holderId: null, heldUntil: null }], true)
    expect(memo.refusal('alice', seats([A1]))).toMatchObject({ code: 'SOLD_OUT', message: 'Sorry, this is sold out.' })
  })

  it('forgets a seat at its hold\'s expiry, even inside its lifetime (lazy expiry stays exact)', () => {
    const { memo, clock } = memoAt()
    memo.rememberSeats(EVENT, [{ placeId: A1, holderId: 'alice', heldUntil: new Date(clock.now + 300) }])
    clock.now += 299
    expect(memo.refusal('bob', seats([A1]))).toBeDefined()
    clock.now += 1
    expect(memo.refusal('bob', seats([A1]))).toBeUndefined()
  })

  it('forgets everything after its lifetime, however long the hold', () => {
    const { memo, clock } = memoAt()
    memo.rememberSeats(EVENT, [{ placeId: A1, holderId: null, heldUntil: null }])
    memo.rememberSection(EVENT, SECTION, 0, [], null)
    clock.now += 999
    expect(memo.refusal('bob', seats([A1]))).toBeDefined()
    expect(memo.refusal('bob', ga(1))).toBeDefined()
    clock.now += 1
    expect(memo.refusal('bob', seats([A1]))).toBeUndefined()
    expect(memo.refusal('bob', ga(1))).toBeUndefined()
  })

  it('refuses more GA units than were free, as SOLD_OUT or with the count left, but not to a holder in the section', () => {
    const { memo } = memoAt()
    memo.rememberSection(EVENT, SECTION, 2, ['alice'], null)
    expect(memo.refusal('bob', ga(2))).toBeUndefined()
    expect(memo.refusal('bob', ga(3))).toMatchObject({
      code: 'SEATS_UNAVAILABLE', message: 'Only 2 places are left in that section.', details: { unavailable: [], sectionId: SECTION, available: 2 },
    })
    expect(memo.refusal('alice', ga(3))).toBeUndefined()
    memo.rememberSection(EVENT, SECTION, 0, [], null)
    expect(memo.refusal('bob', ga(1))).toMatchObject({ code: 'SOLD_OUT', details: { sectionId: SECTION } })
  })

  it('does not outlive the first hold in a sold-out section to lapse', () => {
    const { memo, clock } = memoAt()
    memo.rememberSection(EVENT, SECTION, 0, ['alice'], new Date(clock.now + 100))
    expect(memo.knowsSection(EVENT, SECTION)).toBe(true)
    clock.now += 100
    expect(memo.knowsSection(EVENT, SECTION)).toBe(false)
    expect(memo.refusal('bob', ga(1))).toBeUndefined()
  })

  it('forgets a whole event when its places are freed', () => {
    const { memo } = memoAt()
    memo.rememberSeats(EVENT, [{ placeId: A1, holderId: 'alice', heldUntil: new Date(2_000_000) }])
    memo.rememberSection(EVENT, SECTION, 0, [], null)
    memo.forgetEvent(EVENT)
    expect(memo.refusal('bob', seats([A1]))).toBeUndefined()
    expect(memo.refusal('bob', ga(1))).toBeUndefined()
  })

  it('knows nothing of other events', () => {
    const { memo } = memoAt()
    memo.rememberSeats(EVENT, [{ placeId: A1, holderId: 'alice', heldUntil: new Date(2_000_000) }])
    expect(memo.refusal('bob', { ...seats([A1]), eventId: '00000000-0000-4000-8000-000000000002' })).toBeUndefined()
  })

  describe('ticket types at their quota and used-up codes', () => {
    const TYPE = '00000000-0000-4000-8000-0000000000c1'
    const gaOf = (typeId: string, quantity: number, promoCode?: string) =>
      ({ eventId: EVENT, seatIds: [], ga: [{ sectionId: SECTION, quantity, ticketTypeId: typeId }], promoCode })

    it('refuses more of a full type than is left, with the database\'s answer, and lets a request that fits through', () => {
      const { memo } = memoAt()
      memo.rememberFullType(EVENT, TYPE, 1, ['alice'], null)
      expect(memo.refusal('bob', gaOf(TYPE, 2))).toMatchObject({ code: 'TYPE_UNAVAILABLE', message: 'That ticket type is sold out.', details: { reason: 'quota', ticketTypeId: TYPE } })
      expect(memo.refusal('bob', gaOf(TYPE, 1))).toBeUndefined()
      expect(memo.refusal('bob', { eventId: EVENT, seatIds: [A1, A2], seatTypeIds: [TYPE, TYPE], ga: [] })).toMatchObject({ code: 'TYPE_UNAVAILABLE' })
      expect(memo.refusal('bob', { eventId: EVENT, seatIds: [A1, A2], ga: [] })).toBeUndefined()
    })

    it('never refuses a type or a code to someone whose hold carries it (their new hold gives it back first)', () => {
      const { memo } = memoAt()
      memo.rememberFullType(EVENT, TYPE, 0, ['alice'], null)
      memo.rememberUsedUpCode(EVENT, 'SPRING', ['alice'], null)
      expect(memo.refusal('alice', gaOf(TYPE, 2, 'spring'))).toBeUndefined()
    })

    it('refuses a used-up code whatever its case, and only that code', () => {
      const { memo } = memoAt()
      memo.rememberUsedUpCode(EVENT, 'Spring', [], null)
      expect(memo.refusal('bob', gaOf(TYPE, 1, 'SPRING'))).toMatchObject({ code: 'PROMO_INVALID', message: 'This code has been used up.', details: { reason: 'used_up' } })
      expect(memo.refusal('bob', gaOf(TYPE, 1, 'SUMMER'))).toBeUndefined()
      expect(memo.refusal('bob', gaOf(TYPE, 1))).toBeUndefined()
    })

    it('forgets them when the first hold carrying them lapses, after its lifetime, and when places of the event are freed', () => {
      const { memo, clock } = memoAt()
      memo.rememberFullType(EVENT, TYPE, 0, ['alice'], new Date(clock.now + 300))
      memo.rememberUsedUpCode(EVENT, 'SPRING', [], null)
      clock.now += 300
      expect(memo.refusal('bob', gaOf(TYPE, 1))).toBeUndefined()
      expect(memo.refusal('bob', gaOf(TYPE, 1, 'SPRING'))).toBeDefined()
      clock.now += 700
      expect(memo.refusal('bob', gaOf(TYPE, 1, 'SPRING'))).toBeUndefined()
      memo.rememberUsedUpCode(EVENT, 'SPRING', [], null)
      memo.forgetEvent(EVENT)
      expect(memo.refusal('bob', gaOf(TYPE, 1, 'SPRING'))).toBeUndefined()
    })
  })
})
