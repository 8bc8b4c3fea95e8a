import { describe, expect, it } from 'vitest'
import { cardPaymentStatus, refundableCents, taxIncluded, taxRateBpOf, taxRatePercent } from '../../server/domain/payments/money.ts'
import { buyerMayBeRefunded, refundDeadline, refundPolicyOf } from '../../server/domain/payments/refund-policy.ts'
import { documentNumber } from '../../server/domain/invoices/document-number.ts'

describe('tax included in a price', () => {
  it.each([
    [12600, 2300, 2356], // 126.00 at 23 %: 23.56
    [4200, 2300, 785],
    [1000, 2000, 167], // 166.67 rounds up
    [100, 700, 7], // 6.54 → 7
    [1, 2300, 0],
    [5000, 0, 0],
    [0, 2300, 0],
    [999_999, 1950, 163_180], // 163180.24
  ])('%i at %i bp contains %i', (gross, bp, tax) => {
    expect(taxIncluded(gross, bp)).toBe(tax)
  })

  it('never exceeds the gross and is an integer', () => {
    for (let gross = 0; gross < 3000; gross += 7) {
      for (const bp of [0, 500, 700, 1950, 2300, 10000]) {
        const tax = taxIncluded(gross, bp)
        expect(Number.isInteger(tax)).toBe(true)
        expect(tax).toBeLessThanOrEqual(gross)
        expect(Math.abs(tax - gross * bp / (10000 + bp))).toBeLessThanOrEqual(0.5)
      }
    }
  })

  it('converts percent and basis points both ways', () => {
    expect(taxRateBpOf(23)).toBe(2300)
    expect(taxRateBpOf(7.5)).toBe(750)
    expect(taxRateBpOf(0.07)).toBe(7)
    expect(taxRatePercent(1950)).toBe(19.5)
  })
})

describe('refund totals', () => {
  it.each([
    [{ paidCents: 6000, refundedCents: 0, pendingCents: 0 }, 'PAID', 6000],
    [{ paidCents: 6000, refundedCents: 0, pendingCents: 1500 }, 'REFUND_PENDING', 4500],
    [{ paidCents: 6000, refundedCents: 1500, pendingCents: 0 }, 'PARTIALLY_REFUNDED', 4500],
    [{ paidCents: 6000, refundedCents: 6000, pendingCents: 0 }, 'REFUNDED', 0],
    [{ paidCents: 6000, refundedCents: 4000, pendingCents: 2000 }, 'REFUND_PENDING', 0],
  ] as const)('%o is %s with %i left', (totals, status, left) => {
    expect(cardPaymentStatus(totals)).toBe(status)
    expect(refundableCents(totals)).toBe(left)
  })
})

describe('refund policy', () => {
  const startsAt = new Date('2027-03-15T19:30:00Z')
  it('refunds buyers until N hours before the start, never with NONE', () => {
    const policy = refundPolicyOf({ refundPolicy: 'UNTIL_HOURS_BEFORE', refundHours: 48 })
    expect(refundDeadline(policy, startsAt)).toEqual(new Date('2027-03-13T19:30:00Z'))
    expect(buyerMayBeRefunded(policy, startsAt, new Date('2027-03-13T19:29:59Z'))).toBe(true)
    expect(buyerMayBeRefunded(policy, startsAt, new Date('2027-03-13T19:30:00Z'))).toBe(false)
    const none = refundPolicyOf({ refundPolicy: 'NONE', refundHours: 24 })
    expect(none).toEqual({ kind: 'NONE' })
    expect(refundDeadline(none, startsAt)).toBeNull()
    expect(buyerMayBeRefunded(none, startsAt, new Date('2020-01-01'))).toBe(false)
    expect(buyerMayBeRefunded(refundPolicyOf({ refundPolicy: 'UNTIL_HOURS_BEFORE', refundHours: 0 }), startsAt, new Date('2027-03-15T19:29:00Z'))).toBe(true)
  })
})

describe('document numbers', () => {
  it('read as prefix and six digits', () => {
    expect(documentNumber('INVOICE', 42)).toBe('INV-000042')
    expect(documentNumber('CREDIT_NOTE', 1234567)).toBe('CN-1234567')
  })
})
