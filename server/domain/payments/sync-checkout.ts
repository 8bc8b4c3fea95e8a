// The buyer came back from the hosted checkout: Bookify asks Stripe about the session itself rather
// than wait for the webhook, and settles it (settleCheckout acts once, whoever calls it first).
import type { Db } from '../../db/client.ts'
import type { AfterCommit } from '../ports.ts'
import { GatewayRefusedError } from './card-gateway.ts'
import { settleCheckout } from './settle-checkout.ts'
import type { PaymentDeps } from './start-checkout.ts'

export type ReturnState = 'paid' | 'pending' | 'refunding' | 'unknown'

export async function syncCheckout(db: Db, effects: AfterCommit, deps: PaymentDeps, sessionId: string): Promise<{ bookingId: string | null, state: ReturnState }> {
  if (!deps.gateway) return { bookingId: null, state: 'unknown' }
  const known = await db.booking.findUnique({ where: { paymentSessionId: sessionId }, select: { id: true } })
  try {
    const session = await deps.gateway.retrieveCheckout(sessionId)
    const settled = await settleCheckout(db, effects, session)
    const bookingId = settled.bookingId ?? known?.id ?? null
    if (settled.outcome === 'refunding') return { bookingId, state: 'refunding' }
    if (settled.outcome === 'confirmed' || settled.outcome === 'already-settled') return { bookingId, state: 'paid' }
    return { bookingId, state: 'pending' }
  } catch (err) {
    // Stripe unreachable or the id unknown there: the webhook still settles it; show what we know.
    deps.log.warn({ sessionId, err: (err as Error).message }, 'checkout return: session not read')
    if (!(err instanceof GatewayRefusedError) && !known) throw err
    return { bookingId: known?.id ?? null, state: 'pending' }
  }
}
