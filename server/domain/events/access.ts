// Who may see or touch an event (invariant 4). Anyone without the right role gets the same 404 as
// for an event that does not exist, so ids of drafts and foreign events reveal nothing.
import type { Db, Prisma } from '../../db/client.ts'
import { DomainError } from '../errors.ts'

export type EventAccessRole = 'ORGANISER' | 'CO_ORGANISER' | 'CHECKIN' | 'ADMIN'

/** The signed-in caller as the routes resolve it (AccessClaims). */
export interface EventCaller {
  userId: string
  role: 'USER' | 'ADMIN'
}

type EventReader = Pick<Db, 'event' | 'eventStaff'> | Pick<Prisma.TransactionClient, 'event' | 'eventStaff'>
export type EventRow = Prisma.EventModel

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Every role that may see an event that is not public (a draft or a disabled event). */
export const BACKSTAGE_ROLES: readonly EventAccessRole[] = ['ORGANISER', 'CO_ORGANISER', 'CHECKIN', 'ADMIN']
/** Roles that may change an event. */
export const EDITOR_ROLES: readonly EventAccessRole[] = ['ORGANISER', 'CO_ORGANISER']

export function eventNotFound(): DomainError {
  return new DomainError('NOT_FOUND', 'There is no such event.')
}

export function isUuid(value: string): boolean {
  return UUID.test(value)
}

/** The caller's roles on an event: organiser, staff role, platform admin. */
export async function rolesOn(db: EventReader, event: { id: string, organiserId: string }, caller: EventCaller | undefined): Promise<EventAccessRole[]> {
  if (!caller) return []
  const roles: EventAccessRole[] = []
  if (event.organiserId === caller.userId) roles.push('ORGANISER')
  const staff = await db.eventStaff.findUnique({ where: { eventId_userId: { eventId: event.id, userId: caller.userId } } })
  if (staff) roles.push(staff.role)
  if (caller.role === 'ADMIN') roles.push('ADMIN')
  return roles
}

async function findEvent(db: EventReader, eventId: string): Promise<EventRow | null> {
  if (!isUuid(eventId)) return null
  return db.event.findUnique({ where: { id: eventId } })
}

/** Who organises an event (null when there is no such event). */
export async function eventOrganiserId(db: EventReader, eventId: string): Promise<string | null> {
  return (await findEvent(db, eventId))?.organiserId ?? null
}

/** The event when the caller holds one of the allowed roles on it; NOT_FOUND otherwise. */
export async function loadEventForRole(db: EventReader, eventId: string, caller: EventCaller | undefined, allowed: readonly EventAccessRole[]): Promise<EventRow> {
  const event = await findEvent(db, eventId)
  if (!event) throw eventNotFound()
  const roles = await rolesOn(db, event, caller)
  if (!roles.some(r => allowed.includes(r))) throw eventNotFound()
  return event
}

/** Published and cancelled events are public; drafts and disabled events only backstage. */
export async function loadVisibleEvent(db: EventReader, eventId: string, caller: EventCaller | undefined): Promise<EventRow> {
  const event = await findEvent(db, eventId)
  if (!event) throw eventNotFound()
  if (event.status !== 'DRAFT' && !event.disabledAt) return event
  const roles = await rolesOn(db, event, caller)
  if (!roles.some(r => BACKSTAGE_ROLES.includes(r))) throw eventNotFound()
  return event
}
