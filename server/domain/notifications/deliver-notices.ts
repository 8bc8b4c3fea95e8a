// Stores and sends what handlers decided, honouring each user's preferences:
//   1. e-mails first, each recorded as sent (email-once.ts), so a failure before the commit retries
//      without sending twice;
//   2. the in-app notifications in the caller's transaction (with the processed-message record in
//      the consumer runtime), deduplicated by (userId, sourceId, kind);
//   3. after the commit, each new notification is announced for live push (best-effort: a missed
//      push shows up on the next list fetch).
import { readPrefs } from '../accounts/user-dto.ts'
import type { NotificationDto } from '../../../shared/types/notification.ts'
import { renderEmail } from './email-layout.ts'
import { emailKey, recordEmailSent, wasEmailSent } from './email-once.ts'
import { toNotificationDto } from './notification-dto.ts'
import type { Notice, NotifyContext, NotifyDeps } from './notice.ts'

/** E-mails in flight at once for a fan-out (an event cancelled with thousands of holders). */
const MAIL_CONCURRENCY = 5

interface Recipient {
  id: string
  email: string
  disabled: boolean
  prefs: ReturnType<typeof readPrefs>
}

async function recipients(deps: NotifyDeps, userIds: string[]): Promise<Map<string, Recipient>> {
  const users = await deps.db.user.findMany({ where: { id: { in: [...new Set(userIds)] } }, select: { id: true, email: true, disabledAt: true, notificationPrefs: true } })
  return new Map(users.map(u => [u.id, { id: u.id, email: u.email, disabled: u.disabledAt !== null, prefs: readPrefs(u.notificationPrefs) }]))
}

async function sendEmail(deps: NotifyDeps, sourceId: string, notice: Notice, to: Recipient): Promise<void> {
  const key = emailKey(sourceId, to.id, notice.kind)
  if (await wasEmailSent(deps.db, key)) return
  const sent = await deps.mailer.send({ to: to.email, ...renderEmail(notice.email!) })
  await recordEmailSent(deps.db, key)
  deps.log.info({ sourceId, userId: to.id, kind: notice.kind, messageId: sent.messageId }, 'e-mail sent')
}

async function inPool<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items]
  const workers = Array.from({ length: Math.min(size, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item)
  })
  await Promise.all(workers)
}

export async function deliverNotices(deps: NotifyDeps, ctx: NotifyContext, notices: Notice[]): Promise<NotificationDto[]> {
  const users = await recipients(deps, notices.map(n => n.userId))
  const mails = notices.flatMap((notice) => {
    const to = users.get(notice.userId)
    return notice.email && to && !to.disabled && to.prefs[notice.emailPref ?? 'email'] ? [{ notice, to }] : []
  })
  await inPool(mails, MAIL_CONCURRENCY, ({ notice, to }) => sendEmail(deps, ctx.sourceId, notice, to))

  const inApp = notices.filter(n => users.get(n.userId)?.prefs.inApp && (n.emailPref !== 'reminders' || users.get(n.userId)?.prefs.reminders))
  const created = await ctx.runTx(async (tx) => {
    if (inApp.length === 0) return []
    return tx.notification.createManyAndReturn({
      data: inApp.map(n => ({ userId: n.userId, kind: n.kind, title: n.title, body: n.body, link: n.link ?? null, data: n.data as object, sourceId: ctx.sourceId })),
      skipDuplicates: true,
    })
  })
  const dtos = created.map(toNotificationDto)
  for (const [i, notification] of dtos.entries()) await deps.effects?.notificationStored({ userId: created[i]!.userId, notification })
  return dtos
}
