/** Kinds of in-app notification; e-mails are sent for the same kinds. */
export type NotificationKind =
  | 'user.registered'
  | 'booking.confirmed'
  | 'booking.changed'
  | 'booking.cancelled'
  | 'waitlist.offered'
  | 'waitlist.withdrawn'
  | 'event.updated'
  | 'event.cancelled'
  | 'reminder'
  | 'google.unlinked'
  | 'payment.refunded'
  | 'payment.refund_failed'
  | 'webhook.disabled'

export interface NotificationDto {
  id: string
  kind: NotificationKind | (string & {})
  title: string
  body: string
  /** Where the notification leads in the app (absolute URL), if anywhere. */
  link: string | null
  /** Ids the notification is about, e.g. `{bookingId, eventId}`. */
  data: Record<string, unknown>
  readAt: string | null
  createdAt: string
}

/** What `GET /api/notifications/stream` sends as the data of each `notification` event. */
export interface NotificationStreamMessage {
  userId: string
  notification: NotificationDto
}
