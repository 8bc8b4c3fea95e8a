import type { ApiKeyScope } from '../schemas/api-keys'

/** An organiser's API key as GET /api/organiser/api-keys lists it: never the secret. */
export interface ApiKeyDto {
  id: string
  name: string
  /** The secret's first characters, to tell keys apart. */
  prefix: string
  scopes: ApiKeyScope[]
  expiresAt: string | null
  lastUsedAt: string | null
  revokedAt: string | null
  createdAt: string
}

/** The 201 of POST /api/organiser/api-keys: the only answer that carries the secret. */
export interface ApiKeyCreatedDto extends ApiKeyDto {
  secret: string
}
