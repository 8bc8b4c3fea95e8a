// Registration, sign-in, refresh and sign-out: each returns what the HTTP layer turns into cookies.
import type { Db } from '../../db/client.ts'
import type { RegisterBody, LoginBody } from '../../../shared/schemas/auth.ts'
import type { UserDto } from '../../../shared/types/user.ts'
import { DomainError } from '../errors.ts'
import { writeOutbox } from '../../messaging/outbox.ts'
import { ROUTING_KEYS } from '../../messaging/names.ts'
import { signAccessToken } from './access-tokens.ts'
import { dummyHash, hashPassword, verifyPassword } from './passwords.ts'
import { familyOfToken, revokeFamily, rotateRefreshToken, startFamily } from './refresh-tokens.ts'
import { toUserDto } from './user-dto.ts'
import { auditAccount, type RequestOrigin } from './audit.ts'

export interface Session {
  user: UserDto
  accessToken: string
  refreshToken: string
}

interface Ctx extends RequestOrigin {
  db: Db
  secret: string
  userAgent?: string
  /** log2 of scrypt's N for new password hashes (passwords.ts); the default unless configured. */
  passwordHashCost?: number
}

async function openSession(ctx: Ctx, user: Parameters<typeof toUserDto>[0]): Promise<Session> {
  const { familyId, token } = await startFamily(ctx.db, user.id, ctx.userAgent)
  const accessToken = await signAccessToken({ userId: user.id, role: user.role, familyId }, ctx.secret)
  return { user: toUserDto(user), accessToken, refreshToken: token }
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === 'P2002'
}

export async function register(ctx: Ctx, body: RegisterBody): Promise<Session> {
  const passwordHash = await hashPassword(body.password, ctx.passwordHashCost)
  try {
    const user = await ctx.db.$transaction(async (tx) => {
      const created = await tx.user.create({ data: { email: body.email, name: body.name, passwordHash } })
      await writeOutbox(tx, ROUTING_KEYS.userRegistered, { userId: created.id }, ctx.requestId)
      await auditAccount(tx, 'auth.registered', created.id, ctx)
      return created
    })
    return await openSession(ctx, user)
  } catch (err) {
    // The unique index decides, so two simultaneous sign-ups with one address cannot both succeed.
    if (isUniqueViolation(err)) throw new DomainError('EMAIL_TAKEN', 'An account with this e-mail address already exists.')
    throw err
  }
}

export async function login(ctx: Ctx, body: LoginBody): Promise<Session> {
  const user = await ctx.db.user.findUnique({ where: { email: body.email } })
  // Unknown e-mail and wrong password take the same time and give the same answer.
  const ok = await verifyPassword(body.password, user?.passwordHash ?? await dummyHash(ctx.passwordHashCost))
  if (!user || !ok || user.disabledAt) {
    // Failures are recorded against the account they tried (there is none for an unknown address).
    // Not awaited: the answer must take as long for a known address as for an unknown one.
    if (user) void auditAccount(ctx.db, 'auth.login_failed', user.id, ctx, { reason: ok ? 'disabled' : 'password' }).catch(() => {})
    throw new DomainError('INVALID_CREDENTIALS', 'E-mail or password is wrong.')
  }
  const session = await openSession(ctx, user)
  await auditAccount(ctx.db, 'auth.login', user.id, ctx)
  return session
}

export async function refresh(ctx: Ctx, presented: string): Promise<Omit<Session, 'user'>> {
  const rotated = await rotateRefreshToken(ctx.db, presented)
  const user = await ctx.db.user.findUnique({ where: { id: rotated.userId }, select: { role: true, disabledAt: true } })
  if (!user || user.disabledAt) {
    await revokeFamily(ctx.db, rotated.familyId, 'user_disabled')
    throw new DomainError('REFRESH_INVALID', 'The session has ended; sign in again.')
  }
  const accessToken = await signAccessToken({ userId: rotated.userId, role: user.role, familyId: rotated.familyId }, ctx.secret)
  return { accessToken, refreshToken: rotated.token }
}

/** Ends the session the refresh token (or, failing that, the access token's family) belongs to. */
export async function logout(db: Db, refreshToken: string | undefined, accessFamilyId: string | undefined, origin: RequestOrigin = {}): Promise<void> {
  const familyId = (refreshToken && await familyOfToken(db, refreshToken)) || accessFamilyId
  if (!familyId) throw new DomainError('UNAUTHENTICATED', 'You are not signed in.')
  await revokeFamily(db, familyId, 'logout')
  const family = await db.refreshTokenFamily.findUnique({ where: { id: familyId }, select: { userId: true } })
  if (family) await auditAccount(db, 'auth.logout', family.userId, origin, { familyId })
}
