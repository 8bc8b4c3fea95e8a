// Who may download a booking's documents (API.md: owner or organiser). Anyone else gets the same
// 404 as for a booking that does not exist (invariant 4).
import type { Db } from '../../db/client.ts'
import { DomainError } from '../errors.ts'
import { EDITOR_ROLES, rolesOn, type EventCaller } from '../events/access.ts'

export async function requireDocumentAccess(db: Db, bookingId: string, caller: EventCaller): Promise<void> {
  const booking = /^[0-9a-f-]{36}$/i.test(bookingId)
    ? await db.booking.findUnique({ where: { id: bookingId }, select: { userId: true, event: { select: { id: true, organiserId: true } } } })
    : null
  if (booking && (booking.userId === caller.userId || (await rolesOn(db, booking.event, caller)).some(r => EDITOR_ROLES.includes(r)))) return
  throw new DomainError('NOT_FOUND', 'There is no such booking.')
}

export function formatMinor(amountCents: number, currency: string): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(amountCents / 100)
}
