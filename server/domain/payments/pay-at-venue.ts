import type { PaymentProvider, PaymentRequest, PaymentResult } from './provider.ts'

/** The one shipped provider: the booking is confirmed now and paid at the door at check-in. */
export const payAtVenue: PaymentProvider = {
  name: 'pay_at_venue',
  async authorise(request: PaymentRequest): Promise<PaymentResult> {
    return { provider: 'pay_at_venue', status: request.amountCents === 0 ? 'NOT_REQUIRED' : 'DUE_AT_VENUE', reference: null }
  },
  async void() {
    // Nothing was taken, so there is nothing to give back.
  },
}

