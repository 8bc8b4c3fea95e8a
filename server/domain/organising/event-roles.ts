// Role checks for the organiser workspace (invariant 4). Whoever has no role on the event gets the
// same 404 as for an event that does not exist; someone on the team whose role does not allow this
// action (check-in staff exporting attendees, a co-organiser removing a co-organiser) gets 403,
// since they already know the event exists.
import type { Db, Prisma } from '../../db/client.ts'
import { BACKSTAGE_ROLES, eventNotFound, isUuid, rolesOn, type EventAccessRole, type EventCaller, type EventRow } from '../events/access.ts'
import { DomainError } from '../errors.ts'

export type { EventAccessRole, EventCaller }
type Reader = Db | Prisma.TransactionClient

/** Who may do what; ADMIN reads everything backstage but acts on no event's team or door. */
export const ROLES = {
  read: ['ORGANISER', 'CO_ORGANISER', 'ADMIN'],
  manage: ['ORGANISER', 'CO_ORGANISER'],
  door: ['ORGANISER', 'CO_ORGANISER', 'CHECKIN'],
  attendeeList: ['ORGANISER', 'CO_ORGANISER', 'CHECKIN', 'ADMIN'],
} as const satisfies Record<string, readonly EventAccessRole[]>

interface EventAccess {
  event: EventRow
  roles: EventAccessRole[]
}

export async function requireEventRole(db: Reader, eventId: string, caller: EventCaller | undefined, allowed: readonly EventAccessRole[]): Promise<EventAccess> {
  const event = isUuid(eventId) ? await db.event.findUnique({ where: { id: eventId } }) : null
  if (!event) throw eventNotFound()
  const roles = await rolesOn(db, event, caller)
  if (!roles.some(r => BACKSTAGE_ROLES.includes(r))) throw eventNotFound()
  if (!roles.some(r => allowed.includes(r))) throw new DomainError('FORBIDDEN', 'Your role on this event does not allow this.', { roles })
  return { event, roles }
}
