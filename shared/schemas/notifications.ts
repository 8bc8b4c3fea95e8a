import { z } from 'zod'
import { pagination } from './pagination.ts'

export const listNotificationsQuery = z.object({
  ...pagination,
  /** `true` (or `1`) lists only unread notifications. */
  unread: z.enum(['true', 'false', '1', '0']).optional().transform(v => v === 'true' || v === '1'),
})
export type ListNotificationsQuery = z.output<typeof listNotificationsQuery>
