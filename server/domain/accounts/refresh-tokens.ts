// Rotating refresh tokens grouped in families (one family per sign-in). Only a SHA-256 of each
// token is stored. Every use rotates; presenting a token that was already rotated means it was
// copied, so the whole family is revoked and the caller gets REFRESH_REUSED.
import { createHash, randomBytes } from 'node:crypto'
import type { Db } from '../../db/client.ts'
import { DomainError } from '../errors.ts'

export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000

function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

function newToken(): string {
  return randomBytes(32).toString('base64url')
}

interface IssuedRefresh {
  familyId: string
  token: string
}

export async function startFamily(db: Db, userId: string, userAgent: string | undefined, now = new Date()): Promise<IssuedRefresh> {
  const token = newToken()
  const family = await db.refreshTokenFamily.create({
    data: {
      userId,
      userAgent: userAgent?.slice(0, 300),
      expiresAt: new Date(now.getTime() + REFRESH_TOKEN_TTL_MS),
      tokens: { create: { tokenHash: hashRefreshToken(token) } },
    },
  })
  return { familyId: family.id, token }
}

interface Rotated extends IssuedRefresh {
  userId: string
}

export async function rotateRefreshToken(db: Db, presented: string, now = new Date()): Promise<Rotated> {
  const tokenHash = hashRefreshToken(presented)
  // The conditional update is the whole race: of two concurrent uses of one token, exactly one wins.
  const claimed = await db.refreshToken.updateMany({ where: { tokenHash, rotatedAt: null }, data: { rotatedAt: now } })
  const row = await db.refreshToken.findUnique({ where: { tokenHash }, include: { family: true } })
  if (!row) throw new DomainError('REFRESH_INVALID', 'The refresh token is not valid.')
  const { family } = row
  if (claimed.count === 0) {
    await revokeFamily(db, family.id, 'reuse', now)
    await db.auditLog.create({ data: { actorId: family.userId, action: 'auth.refresh_reused', targetType: 'refresh_family', targetId: family.id } })
    throw new DomainError('REFRESH_REUSED', 'This refresh token was already used; the session has been signed out everywhere it was copied to.')
  }
  if (family.revokedReason === 'reuse') {
    throw new DomainError('REFRESH_REUSED', 'This session was ended because one of its refresh tokens was used twice; sign in again.')
  }
  if (family.revokedAt || family.expiresAt <= now) {
    throw new DomainError('REFRESH_INVALID', 'The session has ended; sign in again.')
  }
  const token = newToken()
  await db.$transaction([
    db.refreshToken.create({ data: { familyId: family.id, tokenHash: hashRefreshToken(token) } }),
    db.refreshTokenFamily.update({ where: { id: family.id }, data: { expiresAt: new Date(now.getTime() + REFRESH_TOKEN_TTL_MS) } }),
  ])
  return { userId: family.userId, familyId: family.id, token }
}

export async function revokeFamily(db: Db, familyId: string, reason: string, now = new Date()): Promise<void> {
  await db.refreshTokenFamily.updateMany({ where: { id: familyId, revokedAt: null }, data: { revokedAt: now, revokedReason: reason } })
}

/** The family a presented token belongs to, whether or not it was rotated; undefined when unknown. */
export async function familyOfToken(db: Db, presented: string): Promise<string | undefined> {
  const row = await db.refreshToken.findUnique({ where: { tokenHash: hashRefreshToken(presented) }, select: { familyId: true } })
  return row?.familyId
}
