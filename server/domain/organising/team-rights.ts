// Who may give which team role: check-in staff are added by the organiser or a co-organiser; only the
// organiser adds, promotes or removes co-organisers, so a co-organiser cannot lock the organiser's
// other partners out. Shared by direct adds and by invitations.
import type { StaffRole } from '../../../shared/types/organising.ts'
import { DomainError } from '../errors.ts'
import { ROLES, type EventAccessRole } from './event-roles.ts'

export function mayManage(roles: readonly EventAccessRole[], role: StaffRole): boolean {
  return role === 'CHECKIN' ? roles.some(r => ROLES.manage.includes(r as never)) : roles.includes('ORGANISER')
}

export function refuseRole(role: StaffRole): never {
  throw new DomainError('FORBIDDEN', role === 'CO_ORGANISER' ? 'Only the organiser adds or removes co-organisers.' : 'Your role on this event does not allow this.')
}
