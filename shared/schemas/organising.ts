// Request shapes of the organiser workspace (docs/API.md, Organising): team, attendees, check-in,
// audit log and the platform admin's routes. The pages validate their forms with the same schemas.
import { z } from 'zod'
import { pagination } from './pagination'

const STAFF_ROLES = ['CO_ORGANISER', 'CHECKIN'] as const

export const addStaffBody = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('Enter the e-mail address of their Bookify account.')),
  role: z.enum(STAFF_ROLES, 'Choose co-organiser or check-in staff.'),
}).strict()
export type AddStaffBody = z.infer<typeof addStaffBody>

/** An invitation by e-mail: the address need not have an account (yet). */
export const inviteStaffBody = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('Enter the e-mail address to send the invitation to.')),
  role: z.enum(STAFF_ROLES, 'Choose co-organiser or check-in staff.'),
}).strict()
export type InviteStaffBody = z.infer<typeof inviteStaffBody>

/** The token from an invitation e-mail's link. */
export const invitationTokenBody = z.object({
  token: z.string().trim().min(1, 'The link has no token; open the link from the e-mail again.').max(200),
}).strict()
export type InvitationTokenBody = z.infer<typeof invitationTokenBody>

export const attendeesQuery = z.object({
  ...pagination,
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  q: z.string().trim().max(200).optional(),
  format: z.enum(['json', 'csv']).default('json'),
})
export type AttendeesQuery = z.infer<typeof attendeesQuery>

/** A ticket code as printed or typed: spaces and dashes ignored, case folded (Crockford base32). */
export const ticketCode = z.string().transform(s => s.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().min(1, 'Enter the ticket code.').max(64, 'A ticket code is at most 64 characters.'))

const deviceId = z.string().trim().min(1).max(100)
const scannedAt = z.iso.datetime({ offset: true, message: 'Use an ISO-8601 date and time with an offset.' })

export const checkInBody = z.object({
  ticketCode,
  deviceId: deviceId.optional(),
  scannedAt: scannedAt.optional(),
}).strict()
export type CheckInBody = z.infer<typeof checkInBody>

const MAX_SYNC_SCANS = 500

/** Scans a device admitted while offline, uploaded once it is back online. */
export const checkInSyncBody = z.object({
  deviceId,
  scans: z.array(z.object({ ticketCode, scannedAt }).strict()).max(MAX_SYNC_SCANS, `Send at most ${MAX_SYNC_SCANS} scans at once.`),
}).strict()
export type CheckInSyncBody = z.infer<typeof checkInSyncBody>

export const auditQuery = z.object({ ...pagination })
export type AuditQuery = z.infer<typeof auditQuery>

export const adminEventsQuery = z.object({
  ...pagination,
  q: z.string().trim().max(200).optional(),
})
export type AdminEventsQuery = z.infer<typeof adminEventsQuery>
