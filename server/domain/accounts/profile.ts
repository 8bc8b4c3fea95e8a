import type { Db } from '../../db/client.ts'
import type { UpdateMeBody } from '../../../shared/schemas/auth.ts'
import type { MeDto, UserDto } from '../../../shared/types/user.ts'
import { calendarFeedUrl } from '../calendar/calendar-feeds.ts'
import { DomainError } from '../errors.ts'
import { readPrefs, toUserDto } from './user-dto.ts'

/** GET /api/me: the user, and the link of their private calendar feed (its token from `secret`). */
export async function getProfile(db: Db, userId: string, feed: { appUrl: string, secret: string }): Promise<MeDto> {
  const user = await db.user.findUnique({ where: { id: userId } })
  if (!user || user.disabledAt) throw new DomainError('UNAUTHENTICATED', 'You are not signed in.')
  return { ...toUserDto(user), calendarFeedUrl: calendarFeedUrl(feed.appUrl, feed.secret, user) }
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
