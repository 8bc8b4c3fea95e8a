// staff.invited: e-mails the invitation link to the address the organiser typed. It goes whatever
// anyone's e-mail preferences say (the address may have no account) and leaves no in-app
// notification: the link, not the address, is what makes the reader a member. The token is minted
// here, just before sending; a redelivery after the e-mail went out finds it recorded as sent and
// mints nothing.
import { mintInvitationToken } from '../organising/invitations.ts'
import type { StaffRole } from '../../../shared/types/organising.ts'
import { formatInZone } from './event-facts.ts'
import { renderEmail } from './email-layout.ts'
import { emailKey, recordEmailSent, wasEmailSent } from './email-once.ts'
import type { NotifyContext, NotifyDeps } from './notice.ts'

export const INVITATION_PATH = '/join-team'

const ROLE_TEXT: Record<StaffRole, string> = {
  CO_ORGANISER: 'co-organiser (edits the event, sees sales and attendees)',
  CHECKIN: 'check-in staff (scans tickets at the door)',
}

export function invitationEmail(invitation: { inviter: string, title: string, startsAt: string, role: StaffRole, expires: string, url: string }) {
  return {
    subject: `${invitation.inviter} invited you to the team of ${invitation.title}`,
    heading: `Join the team of ${invitation.title}`,
    paragraphs: [
      `${invitation.inviter} invited you to help run ${invitation.title} on Bookify as ${ROLE_TEXT[invitation.role]}.`,
      'Open the link, then sign in or create a free account to join. The link works once; do not forward it, since whoever uses it joins the team.',
      'If you did not expect this, ignore this e-mail.',
    ],
    facts: [['Event', invitation.title], ['Starts', invitation.startsAt], ['Link valid until', invitation.expires]] as [string, string][],
    action: { label: 'Join the team', url: invitation.url },
  }
}

export async function notifyStaffInvitation(deps: NotifyDeps, ctx: NotifyContext, { invitationId }: { invitationId: string, eventId: string }, now = new Date()): Promise<void> {
  const key = emailKey(ctx.sourceId, invitationId, 'staff.invited')
  if (await wasEmailSent(deps.db, key)) return
  const minted = await mintInvitationToken(deps.db, invitationId, now)
  if (!minted) return // accepted, withdrawn or expired before the e-mail could go
  const [event, inviter] = await Promise.all([
    deps.db.event.findUniqueOrThrow({ where: { id: minted.eventId }, select: { title: true, startsAt: true, timezone: true } }),
    minted.invitedById ? deps.db.user.findUnique({ where: { id: minted.invitedById }, select: { name: true } }) : null,
  ])
  const url = `${deps.appUrl}${INVITATION_PATH}?token=${encodeURIComponent(minted.token)}`
  const content = invitationEmail({
    inviter: inviter?.name ?? 'The organiser', title: event.title, startsAt: formatInZone(event.startsAt, event.timezone),
    role: minted.role, expires: formatInZone(minted.expiresAt, event.timezone), url,
  })
  const sent = await deps.mailer.send({ to: minted.email, ...renderEmail(content) })
  await recordEmailSent(deps.db, key)
  deps.log.info({ sourceId: ctx.sourceId, invitationId, kind: 'staff.invited', messageId: sent.messageId }, 'e-mail sent')
}
