import { createWebhookBody, type WebhookEventType } from '#shared/schemas/webhooks'
import type { WebhookDeliveryDto, WebhookEndpointCreatedDto, WebhookEndpointDto } from '#shared/schemas/responses/webhooks'

/**
 * The organiser's webhook endpoints: the list, registering one (its secret kept only until the page
 * is left), turning one on or off, deleting, a test delivery, and each endpoint's delivery log with resend.
 */
export function useOrganiseWebhooks() {
  const api = useApi()
  const result = useAsyncData('organise-webhooks', () => api<{ items: WebhookEndpointDto[] }>('/api/organiser/webhooks'))
  const form = reactive({ url: '', events: ['booking.confirmed'] as WebhookEventType[], description: '' })
  const { busy, notice, created, fieldErrors, formError, fromApi, create: post } = useSecretShownOnce<WebhookEndpointCreatedDto>('/api/organiser/webhooks', () => result.refresh())
  /** The delivery log open on the page, by endpoint id. */
  const logs = ref<Record<string, WebhookDeliveryDto[] | undefined>>({})

  function create(): Promise<boolean> {
    return post(createWebhookBody, { url: form.url, events: form.events, description: form.description || undefined }, () => {
      form.url = ''
      form.description = ''
    })
  }

  async function act(what: () => Promise<unknown>, done: string) {
    notice.value = ''
    formError.value = ''
    try {
      await what()
      notice.value = done
      await result.refresh()
    } catch (error) {
      fromApi(error)
    }
  }

  const setEnabled = (endpoint: WebhookEndpointDto, enabled: boolean) => act(
    () => api(`/api/organiser/webhooks/${endpoint.id}`, { method: 'PATCH', body: { enabled } }),
    enabled ? `Deliveries to ${endpoint.url} are on again.` : `Deliveries to ${endpoint.url} are off.`,
  )

  const remove = (endpoint: WebhookEndpointDto) => act(async () => {
    await api(`/api/organiser/webhooks/${endpoint.id}`, { method: 'DELETE' })
    if (created.value?.id === endpoint.id) created.value = null
    logs.value[endpoint.id] = undefined
  }, `The endpoint ${endpoint.url} was deleted.`)

  async function loadLog(endpointId: string) {
    logs.value[endpointId] = (await api<{ items: WebhookDeliveryDto[] }>(`/api/organiser/webhooks/${endpointId}/deliveries`)).items
  }

  const sendTest = (endpoint: WebhookEndpointDto) => act(async () => {
    await api(`/api/organiser/webhooks/${endpoint.id}/test`, { method: 'POST' })
    await loadLog(endpoint.id)
  }, `A test delivery to ${endpoint.url} is on its way; refresh its log in a moment.`)

  const resend = (endpointId: string, delivery: WebhookDeliveryDto) => act(async () => {
    await api(`/api/organiser/webhooks/${endpointId}/deliveries/${delivery.id}/resend`, { method: 'POST' })
    await loadLog(endpointId)
  }, `The ${delivery.eventType} delivery is being sent again.`)

  async function toggleLog(endpointId: string) {
    if (logs.value[endpointId]) logs.value[endpointId] = undefined
    else await act(() => loadLog(endpointId), '')
  }

  return { ...result, form, busy, notice, created, logs, fieldErrors, formError, create, setEnabled, remove, sendTest, resend, loadLog, toggleLog }
}
