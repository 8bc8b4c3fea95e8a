import type { Db } from '../../db/client.ts'
import type { UpdateMeBody } from '../../../shared/schemas/auth.ts'
import type { UserDto } from '../../../shared/types/user.ts'
import { DomainError } from '../errors.ts'
import { readPrefs, toUserDto } from './user-dto.ts'

export async function getProfile(db: Db, userId: string): Promise<UserDto> {
  const user = await db.user.findUnique({ where: { id: userId } })
  if (!user || user.disabledAt) throw new DomainError('UNAUTHENTICATED', 'You are not signed in.')
  return toUserDto(user)
}

export async function updateProfile(db: Db, userId: string, body: UpdateMeBody): Promise<UserDto> {
  const current = await db.user.findUnique({ where: { id: userId } })
  if (!current || current.disabledAt) throw new DomainError('UNAUTHENTICATED', 'You are not signed in.')
  const user = await db.user.update({
    where: { id: userId },
    data: {
      name: body.name,
      locale: body.locale,
      // A partial preference update keeps the preferences it does not mention.
      notificationPrefs: body.notificationPrefs ? { ...readPrefs(current.notificationPrefs), ...body.notificationPrefs } : undefined,
    },
  })
  return toUserDto(user)
}
