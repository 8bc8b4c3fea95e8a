// Stripe's success URL: the buyer is back, so ask Stripe about the session now instead of waiting for
// the webhook — whichever comes first settles the payment, exactly once — then show the booking.
import { sendRedirect } from 'h3'
import { z } from 'zod'
import { syncCheckout } from '../../../domain/payments/sync-checkout.ts'

const query = z.object({ session_id: z.string().min(1).max(300) })

export default defineEventHandler(async (event) => {
  const { session_id: sessionId } = queryValid(event, query)
  const result = await syncCheckout(useDb(), useAfterCommit(), usePayments(), sessionId)
  return sendRedirect(event, result.bookingId ? `/bookings/${result.bookingId}?checkout=${result.state}` : '/bookings', 303)
})
