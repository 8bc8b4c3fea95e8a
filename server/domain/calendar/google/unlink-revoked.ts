// Google refused the user's grant (revoked in their Google account, or expired): the link is
// deleted (its entries with it) and the user gets an in-app notification, in one transaction.
import type { Prisma } from '../../../db/client.ts'
import { googleUnlinkedNotice } from '../../notifications/account-notices.ts'
import { toNotificationDto } from '../../notifications/notification-dto.ts'
import type { NotificationDto } from '../../../../shared/types/notification.ts'

export async function unlinkRevokedGoogle(tx: Prisma.TransactionClient, userId: string, sourceId: string, appUrl: string): Promise<NotificationDto[]> {
  const { count } = await tx.googleCalendarLink.deleteMany({ where: { userId } })
  if (count === 0) return []
  const notice = googleUnlinkedNotice(userId, appUrl)
  const created = await tx.notification.createManyAndReturn({
    data: [{ userId, kind: notice.kind, title: notice.title, body: notice.body, link: notice.link ?? null, data: notice.data as object, sourceId }],
    skipDuplicates: true,
  })
  return created.map(toNotificationDto)
}
