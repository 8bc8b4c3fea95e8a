import { API_KEY_SCOPES, createApiKeyBody, type ApiKeyScope } from '#shared/schemas/api-keys'
import type { ApiKeyCreatedDto, ApiKeyDto } from '#shared/types/api-key'

/** The organiser's API keys: the list, creating one (its secret kept only until the page is left), revoking. */
export function useOrganiseApiKeys() {
  const api = useApi()
  const result = useAsyncData('organise-api-keys', () => api<{ items: ApiKeyDto[] }>('/api/organiser/api-keys'))
  const form = reactive({ name: '', scopes: ['events:read'] as ApiKeyScope[], expiresOn: '' })
  const { busy, notice, created, fieldErrors, formError, fromApi, create: post } = useSecretShownOnce<ApiKeyCreatedDto>('/api/organiser/api-keys', () => result.refresh())

  function create(): Promise<boolean> {
    // A date means "until the end of that day" where the organiser is.
    const expiresAt = form.expiresOn ? new Date(`${form.expiresOn}T23:59:59`).toISOString() : null
    const scopes = API_KEY_SCOPES.filter(s => form.scopes.includes(s))
    return post(createApiKeyBody, { name: form.name, scopes, expiresAt }, () => {
      form.name = ''
      form.expiresOn = ''
    })
  }

  async function revoke(key: ApiKeyDto) {
    notice.value = ''
    try {
      await api(`/api/organiser/api-keys/${key.id}`, { method: 'DELETE' })
      notice.value = `The key "${key.name}" was revoked; requests with it are refused from now on.`
      if (created.value?.id === key.id) created.value = null
      await result.refresh()
    } catch (error) {
      fromApi(error)
    }
  }

  return { ...result, form, busy, notice, created, fieldErrors, formError, create, revoke }
}
