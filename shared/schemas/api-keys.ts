// Organiser API keys (docs/API.md, Integrations): what a key may do, and the create form's body.
import { z } from 'zod'

/** What a key may do; each API operation names the scope it needs (server/openapi/operations.ts). */
export const API_KEY_SCOPES = ['events:read', 'events:write', 'orders:read', 'checkin'] as const
export type ApiKeyScope = typeof API_KEY_SCOPES[number]

export const API_KEY_SCOPE_LABELS: Record<ApiKeyScope, string> = {
  'events:read': 'Read events',
  'events:write': 'Manage events',
  'orders:read': 'Read orders and attendees',
  'checkin': 'Check in tickets',
}

/** POST /api/organiser/api-keys */
export const createApiKeyBody = z.object({
  name: z.string().trim().min(1, 'Name the key, e.g. after what uses it.').max(100, 'Use at most 100 characters.'),
  scopes: z.array(z.enum(API_KEY_SCOPES, 'Choose from events:read, events:write, orders:read and checkin.'))
    .min(1, 'Choose at least one scope.')
    .refine(s => new Set(s).size === s.length, 'A scope is listed twice.'),
  expiresAt: z.iso.datetime({ offset: true, message: 'Use an ISO-8601 date and time with an offset.' })
    .refine(t => Date.parse(t) > Date.now(), 'The expiry must be in the future.')
    .nullish(),
}).strict()
export type CreateApiKeyBody = z.infer<typeof createApiKeyBody>
