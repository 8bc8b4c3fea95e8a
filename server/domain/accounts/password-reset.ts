// "Forgot password?": a request stores a password_resets row and an outbox message in one
// transaction; the notifications worker mints the link's token as it e-mails it (only its sha-256 is
// stored, and no raw token passes through the outbox or RabbitMQ). The link works once, for at most
// RESET_TTL_MS, and using it revokes every refresh-token family of the account. The request answers
// the same whether or not the address has an account (the route sends one fixed body).
import { createHash, randomBytes } from 'node:crypto'
import type { Db } from '../../db/client.ts'
import type { PasswordResetConfirmBody } from '../../../shared/schemas/auth.ts'
import { writeOutbox } from '../../messaging/outbox.ts'
import { ROUTING_KEYS } from '../../messaging/names.ts'
import { DomainError } from '../errors.ts'
import { auditAccount, type RequestOrigin } from './audit.ts'
import { hashPassword } from './passwords.ts'

export const RESET_TTL_MS = 60 * 60 * 1000

export const hashResetToken = (token: string) => createHash('sha256').update(token).digest('base64url')

/** Starts a reset for the account with this address, if there is one that may sign in. */
export async function requestPasswordReset(db: Db, email: string, origin: RequestOrigin, now = new Date()): Promise<void> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true, disabledAt: true } })
  if (!user || user.disabledAt) return
  await db.$transaction(async (tx) => {
    const reset = await tx.passwordReset.create({ data: { userId: user.id, expiresAt: new Date(now.getTime() + RESET_TTL_MS) } })
    await writeOutbox(tx, ROUTING_KEYS.passwordResetRequested, { userId: user.id, resetId: reset.id }, origin.requestId)
    await auditAccount(tx, 'auth.password_reset_requested', user.id, origin)
  })
}

/**
 * The worker's half: a fresh token for a reset still open, its hash stored (replacing any earlier
 * one, so only the newest e-mailed link works). Undefined when the reset was used or has expired.
 */
export async function mintResetToken(db: Db, resetId: string, now = new Date()): Promise<{ token: string, userId: string, expiresAt: Date } | undefined> {
  const token = randomBytes(32).toString('base64url')
  const [row] = await db.$queryRaw<{ user_id: string, expires_at: Date }[]>`
    UPDATE password_resets SET token_hash = ${hashResetToken(token)}
     WHERE id = ${resetId}::uuid AND used_at IS NULL AND expires_at > ${now}
    RETURNING user_id, expires_at`
  return row ? { token, userId: row.user_id, expiresAt: row.expires_at } : undefined
}

const invalid = () => new DomainError('RESET_TOKEN_INVALID', 'This link to choose a new password is used, expired or unknown. Ask for a new one.')

/** Sets the new password with a valid token, uses the token up, and signs the account out everywhere. */
export async function confirmPasswordReset(db: Db, body: PasswordResetConfirmBody, origin: RequestOrigin, options: { passwordHashCost?: number, now?: Date } = {}): Promise<void> {
  const now = options.now ?? new Date()
  const passwordHash = await hashPassword(body.password, options.passwordHashCost)
  await db.$transaction(async (tx) => {
    // One conditional UPDATE: of two requests with the same token, one wins.
    const [used] = await tx.$queryRaw<{ user_id: string }[]>`
      UPDATE password_resets SET used_at = ${now}
       WHERE token_hash = ${hashResetToken(body.token)} AND used_at IS NULL AND expires_at > ${now}
      RETURNING user_id`
    if (!used) throw invalid()
    const user = await tx.user.findUnique({ where: { id: used.user_id }, select: { disabledAt: true } })
    if (!user || user.disabledAt) throw invalid()
    await tx.user.update({ where: { id: used.user_id }, data: { passwordHash } })
    // Every other link still open for the account dies with this one.
    await tx.passwordReset.updateMany({ where: { userId: used.user_id, usedAt: null }, data: { usedAt: now } })
    const revoked = await tx.refreshTokenFamily.updateMany({ where: { userId: used.user_id, revokedAt: null }, data: { revokedAt: now, revokedReason: 'password_reset' } })
    await auditAccount(tx, 'auth.password_reset', used.user_id, origin, { sessionsEnded: revoked.count })
  })
}
