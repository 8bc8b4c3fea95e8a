// Organiser webhooks (docs/API.md, Integrations): the event types an endpoint may ask for, and the
// bodies of the create and edit forms. The server checks the target's address itself (SSRF).
import { z } from 'zod'

/** What an endpoint can subscribe to; each is one domain event (server/domain/webhooks/event-types.ts). */
export const WEBHOOK_EVENT_TYPES = [
  'booking.confirmed',
  'booking.changed',
  'booking.cancelled',
  'booking.refunded',
  'ticket.checked_in',
  'waitlist.offered',
  'event.published',
  'event.updated',
  'event.cancelled',
  'hold.expired',
] as const
export type WebhookEventType = typeof WEBHOOK_EVENT_TYPES[number]

export const WEBHOOK_EVENT_TYPE_LABELS: Record<WebhookEventType, string> = {
  'booking.confirmed': 'A booking is confirmed',
  'booking.changed': 'A booking\'s seats change',
  'booking.cancelled': 'A booking is cancelled',
  'booking.refunded': 'A refund is paid out',
  'ticket.checked_in': 'A ticket is checked in at the door',
  'waitlist.offered': 'Places are offered to someone on the waitlist',
  'event.published': 'An event is published',
  'event.updated': 'An event is edited',
  'event.cancelled': 'An event is cancelled',
  'hold.expired': 'A hold runs out without a booking (abandoned cart)',
}

/** The version of the payload's shape; a breaking change to a `data` object gets a new one. */
export const WEBHOOK_API_VERSION = '2026-12-01'

const url = z.string().trim().max(2000, 'Use at most 2000 characters.')
  .pipe(z.url({ protocol: /^https?$/, message: 'Use an http:// or https:// URL.' }))
  // zod still runs a refinement after the URL check failed, so this one must not throw on a non-URL.
  .refine(u => !URL.canParse(u) || (!new URL(u).username && !new URL(u).password), 'Put no user name or password in the URL.')

const eventTypes = z.array(z.enum(WEBHOOK_EVENT_TYPES, `Choose from ${WEBHOOK_EVENT_TYPES.join(', ')}.`))
  .min(1, 'Choose at least one event type.')
  .refine(s => new Set(s).size === s.length, 'An event type is listed twice.')

/** POST /api/organiser/webhooks */
export const createWebhookBody = z.object({
  url,
  events: eventTypes,
  eventId: z.uuid('Use an event id.').nullish(),
  description: z.string().trim().max(200, 'Use at most 200 characters.').optional(),
}).strict()
export type CreateWebhookBody = z.infer<typeof createWebhookBody>

/** PATCH /api/organiser/webhooks/:id — `enabled: true` turns a disabled endpoint on again. */
export const updateWebhookBody = z.object({
  url: url.optional(),
  events: eventTypes.optional(),
  description: z.string().trim().max(200, 'Use at most 200 characters.').optional(),
  enabled: z.boolean().optional(),
}).strict().refine(b => Object.keys(b).length > 0, 'Send at least one field to change.')
export type UpdateWebhookBody = z.infer<typeof updateWebhookBody>
