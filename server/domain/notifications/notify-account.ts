// user.registered and waitlist.offered.
import { welcomeNotice, waitlistOfferedNotice } from './account-notices.ts'
import { deliverNotices } from './deliver-notices.ts'
import { loadEventFacts } from './load-booking-facts.ts'
import type { NotifyContext, NotifyDeps } from './notice.ts'

export async function notifyWelcome(deps: NotifyDeps, ctx: NotifyContext, { userId }: { userId: string }): Promise<void> {
  const user = await deps.db.user.findUnique({ where: { id: userId }, select: { id: true, name: true } })
  await deliverNotices(deps, ctx, user ? [welcomeNotice(user, deps.appUrl)] : [])
}

export async function notifyWaitlistOffered(deps: NotifyDeps, ctx: NotifyContext, offer: { entryId: string, userId: string, eventId: string, holdId: string }, now = new Date()): Promise<void> {
  const [hold, event] = await Promise.all([
    deps.db.hold.findUnique({ where: { id: offer.holdId }, select: { status: true, expiresAt: true } }),
    loadEventFacts(deps.db, offer.eventId),
  ])
  // An offer already taken up, released or lapsed is not news any more.
  const open = hold?.status === 'ACTIVE' && hold.expiresAt > now && event
  await deliverNotices(deps, ctx, open ? [waitlistOfferedNotice({ ...offer, expiresAt: hold.expiresAt }, event, deps.appUrl)] : [])
}
