// Money rules shared by payments and invoices. Amounts are integers in minor units everywhere;
// tax rates are integers in hundredths of a percent (basis points), so no float ever holds money.

/** The tax contained in a tax-inclusive amount, rounded half up to the minor unit. */
export function taxIncluded(grossCents: number, taxRateBp: number): number {
  if (taxRateBp <= 0 || grossCents <= 0) return 0
  // tax = gross × r / (1 + r) with r = bp / 10000, kept in integers: gross × bp / (10000 + bp).
  return Math.floor((grossCents * taxRateBp * 2 + (10_000 + taxRateBp)) / (2 * (10_000 + taxRateBp)))
}

/** 2300 → "23", 750 → "7.5", 1 → "0.01". */
export function taxRatePercent(taxRateBp: number): number {
  return taxRateBp / 100
}

/** 23 → 2300, 7.5 → 750; inputs are validated to two decimals by the schema. */
export function taxRateBpOf(percent: number): number {
  return Math.round(percent * 100)
}

export interface RefundTotals {
  paidCents: number
  refundedCents: number
  /** Refunds asked for and not yet settled either way. */
  pendingCents: number
}

/** What may still be refunded: paid, less what is refunded or on its way back. */
export function refundableCents(t: RefundTotals): number {
  return Math.max(0, t.paidCents - t.refundedCents - t.pendingCents)
}

export type CardPaymentStatus = 'PAID' | 'REFUND_PENDING' | 'PARTIALLY_REFUNDED' | 'REFUNDED'

/** The payment status of a paid booking, from its money (API.md, Payments). */
export function cardPaymentStatus(t: RefundTotals): CardPaymentStatus {
  if (t.pendingCents > 0) return 'REFUND_PENDING'
  if (t.refundedCents <= 0) return 'PAID'
  return t.refundedCents >= t.paidCents ? 'REFUNDED' : 'PARTIALLY_REFUNDED'
}
