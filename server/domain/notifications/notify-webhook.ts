// webhook.endpoint_disabled: the webhooks worker gave up on an endpoint after every retry of several
// deliveries in a row failed. Its organiser is told in the app and by e-mail (their e-mail preference
// applies as for every notice), with the last answer and where to turn it on again.
import { deliverNotices } from './deliver-notices.ts'
import type { Notice, NotifyContext, NotifyDeps } from './notice.ts'

export const WEBHOOK_SETTINGS_PATH = '/organise/webhooks'

export function webhookDisabledNotice(endpoint: { id: string, organiserId: string, url: string, disabledReason: string | null }, appUrl: string): Notice {
  const url = `${appUrl}${WEBHOOK_SETTINGS_PATH}`
  return {
    userId: endpoint.organiserId,
    kind: 'webhook.disabled',
    title: 'A webhook endpoint was turned off',
    body: `Deliveries to ${endpoint.url} kept failing, so Bookify stopped sending to it. Fix the receiver, then turn it on again.`,
    link: url,
    data: { endpointId: endpoint.id },
    email: {
      subject: `Webhook endpoint turned off: ${endpoint.url}`,
      heading: 'We stopped sending to your webhook endpoint',
      paragraphs: [
        `Every retry of several deliveries to ${endpoint.url} failed over about a day, so Bookify turned the endpoint off.`,
        'Nothing is lost: the failed deliveries stay in its delivery log, where you can resend them once the receiver works. Turn the endpoint on again in your webhook settings.',
      ],
      facts: [['Endpoint', endpoint.url], ['Why', endpoint.disabledReason ?? 'repeated failures']],
      action: { label: 'Open webhook settings', url },
    },
  }
}

export async function notifyWebhookDisabled(deps: NotifyDeps, ctx: NotifyContext, { endpointId }: { endpointId: string, organiserId: string }): Promise<void> {
  const endpoint = await deps.db.webhookEndpoint.findUnique({ where: { id: endpointId }, select: { id: true, organiserId: true, url: true, disabledReason: true, disabledAt: true } })
  // Deleted, or turned on again before this ran: nothing to tell.
  await deliverNotices(deps, ctx, endpoint?.disabledAt ? [webhookDisabledNotice(endpoint, deps.appUrl)] : [])
}
