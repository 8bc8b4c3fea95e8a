// user.password_reset_requested: e-mails the link to choose a new password. It goes whatever the
// account's e-mail preferences say (the user asked for it) and leaves no in-app notification (it is
// no news to a signed-in user). The token is minted here, just before sending; a redelivery after
// the e-mail went out finds it recorded as sent and mints nothing.
import { mintResetToken } from '../accounts/password-reset.ts'
import { renderEmail } from './email-layout.ts'
import { emailKey, recordEmailSent, wasEmailSent } from './email-once.ts'
import type { NotifyContext, NotifyDeps } from './notice.ts'

export const PASSWORD_RESET_PATH = '/reset-password'

export function passwordResetEmail(name: string, url: string, minutes: number) {
  return {
    subject: 'Choose a new Bookify password',
    heading: `Hello ${name}`,
    paragraphs: [
      'Someone — we hope you — asked to choose a new password for your Bookify account.',
      `The link works once, for ${minutes} minutes. Choosing a new password signs you out on every device.`,
      'If you did not ask, ignore this e-mail: your password stays as it is.',
    ],
    action: { label: 'Choose a new password', url },
  }
}

export async function notifyPasswordReset(deps: NotifyDeps, ctx: NotifyContext, { userId, resetId }: { userId: string, resetId: string }, now = new Date()): Promise<void> {
  const key = emailKey(ctx.sourceId, userId, 'user.password_reset')
  if (await wasEmailSent(deps.db, key)) return
  const user = await deps.db.user.findUnique({ where: { id: userId }, select: { email: true, name: true, disabledAt: true } })
  if (!user || user.disabledAt) return
  const minted = await mintResetToken(deps.db, resetId, now)
  if (!minted) return // used or expired before the e-mail could go
  const url = `${deps.appUrl}${PASSWORD_RESET_PATH}?token=${encodeURIComponent(minted.token)}`
  const minutes = Math.max(1, Math.round((minted.expiresAt.getTime() - now.getTime()) / 60_000))
  const sent = await deps.mailer.send({ to: user.email, ...renderEmail(passwordResetEmail(user.name, url, minutes)) })
  await recordEmailSent(deps.db, key)
  deps.log.info({ sourceId: ctx.sourceId, userId, kind: 'user.password_reset', messageId: sent.messageId }, 'e-mail sent')
}
