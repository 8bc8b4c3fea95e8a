// How a booking gets paid. The booking logic only sees this interface, so a card provider can be
// added (authorise before confirming, void if the confirmation fails) without touching it.
type PaymentStatus = 'NOT_REQUIRED' | 'DUE_AT_VENUE' | 'PAID'

export interface PaymentRequest {
  amountCents: number
  currency: string
  holdId: string
  userId: string
  /** Provider-specific input from the client (e.g. a card token); pay-at-venue needs none. */
  details?: Record<string, unknown>
}

export interface PaymentResult {
  provider: string
  status: PaymentStatus
  reference: string | null
}

export interface PaymentProvider {
  readonly name: string
  /** Secure the money (or the promise of it) before the booking commits. */
  authorise(request: PaymentRequest): Promise<PaymentResult>
  /** Undo an authorisation whose booking did not commit. */
  void(result: PaymentResult): Promise<void>
}
