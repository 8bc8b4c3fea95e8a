// Organiser API keys (`Authorization: Bearer bk_…`) are resolved here, before any route: the route
// then sees the key's owner as its caller, and a key outside its scopes never reaches the route.
import { defineEventHandler } from 'h3'
import { bearerToken } from '../utils/current-user.ts'
import { authenticateApiKeyRequest } from '../utils/api-key-caller.ts'
import { looksLikeApiKey } from '../domain/integrations/api-key-secret.ts'

export default defineEventHandler(async (event) => {
  if (!event.path.startsWith('/api/')) return
  const token = bearerToken(event)
  if (token && looksLikeApiKey(token)) await authenticateApiKeyRequest(event, token)
})
