import { z } from 'zod'
import { API_KEY_SCOPES } from '../api-keys'
import { instant, uuid } from './common'

export const apiKeyResponse = z.strictObject({
  id: uuid,
  name: z.string(),
  /** The first characters of the secret, enough to tell keys apart. */
  prefix: z.string(),
  scopes: z.array(z.enum(API_KEY_SCOPES)),
  expiresAt: instant.nullable(),
  lastUsedAt: instant.nullable(),
  revokedAt: instant.nullable(),
  createdAt: instant,
}).meta({ id: 'ApiKey' })

/** The 201 of POST /api/organiser/api-keys: the only answer that ever carries the secret. */
export const apiKeyCreatedResponse = apiKeyResponse.extend({
  secret: z.string().meta({ description: '`bk_…`, shown once; send it as `Authorization: Bearer bk_…`.' }),
}).meta({ id: 'ApiKeyCreated' })

export const apiKeyListResponse = z.strictObject({ items: z.array(apiKeyResponse) })
