// An organiser's webhook endpoints: register (the secret is returned once), list, edit, delete.
// Organisers only: whoever organises or co-organises no event gets 403 on the list and on
// registering. An endpoint for one event needs an editing role on it (no role: the event's usual
// 404; check-in staff: 403). Someone else's endpoint, or an unknown one, is 404, never 403.
import { randomUUID } from 'node:crypto'
import type { Db } from '../../db/client.ts'
import type { CreateWebhookBody, UpdateWebhookBody } from '../../../shared/schemas/webhooks.ts'
import type { WebhookEndpointCreatedDto, WebhookEndpointDto } from '../../../shared/schemas/responses/webhooks.ts'
import { EDITOR_ROLES, type EventCaller } from '../events/access.ts'
import { requireEventRole } from '../organising/event-roles.ts'
import { DomainError } from '../errors.ts'
import { toWebhookEndpointDto } from './endpoint-dto.ts'
import { sealWebhookSecret } from './secret-store.ts'
import { newWebhookSecret } from './signature.ts'
import { checkWebhookTarget, type Resolver } from './target-guard.ts'

/** A bound per organiser, so a runaway script cannot fan one booking out to thousands of URLs. */
export const MAX_WEBHOOKS_PER_ORGANISER = 20

export interface WebhookSettings {
  allowPrivate: boolean
  encryptionKey: string
  /** Tests replace DNS. */
  resolve?: Resolver
}

/** 403 unless the caller organises or co-organises at least one event. */
export async function requireOrganiser(db: Db, userId: string): Promise<void> {
  const [own, team] = await Promise.all([
    db.event.count({ where: { organiserId: userId }, take: 1 }),
    db.eventStaff.count({ where: { userId, role: 'CO_ORGANISER' }, take: 1 }),
  ])
  if (own + team === 0) throw new DomainError('FORBIDDEN', 'Webhooks are for organisers: create an event first.')
}

async function ownEndpoint(db: Db, userId: string, id: string) {
  const row = await db.webhookEndpoint.findFirst({ where: { id, organiserId: userId } })
  if (!row) throw new DomainError('NOT_FOUND', 'There is no such webhook endpoint.')
  return row
}

export async function createWebhook(db: Db, caller: EventCaller, body: CreateWebhookBody, settings: WebhookSettings): Promise<WebhookEndpointCreatedDto> {
  await requireOrganiser(db, caller.userId)
  if (body.eventId) await requireEventRole(db, body.eventId, caller, EDITOR_ROLES)
  await checkWebhookTarget(body.url, settings)
  if (await db.webhookEndpoint.count({ where: { organiserId: caller.userId } }) >= MAX_WEBHOOKS_PER_ORGANISER) {
    throw new DomainError('CONFLICT', `An organiser has at most ${MAX_WEBHOOKS_PER_ORGANISER} webhook endpoints; delete one first.`, { reason: 'TOO_MANY_WEBHOOKS' })
  }
  const id = randomUUID()
  const secret = newWebhookSecret()
  const row = await db.webhookEndpoint.create({
    data: {
      id,
      organiserId: caller.userId,
      eventId: body.eventId ?? null,
      url: body.url,
      eventTypes: body.events,
      description: body.description ?? '',
      secretEnc: sealWebhookSecret(id, secret, settings.encryptionKey),
    },
  })
  return { ...toWebhookEndpointDto(row), secret }
}

export async function listWebhooks(db: Db, userId: string): Promise<{ items: WebhookEndpointDto[] }> {
  await requireOrganiser(db, userId)
  const rows = await db.webhookEndpoint.findMany({ where: { organiserId: userId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] })
  return { items: rows.map(toWebhookEndpointDto) }
}

export async function updateWebhook(db: Db, userId: string, id: string, body: UpdateWebhookBody, settings: WebhookSettings): Promise<WebhookEndpointDto> {
  const current = await ownEndpoint(db, userId, id)
  if (body.url !== undefined && body.url !== current.url) await checkWebhookTarget(body.url, settings)
  const row = await db.webhookEndpoint.update({
    where: { id: current.id },
    data: {
      ...(body.url !== undefined ? { url: body.url } : {}),
      ...(body.events !== undefined ? { eventTypes: body.events } : {}),
      ...(body.description !== undefined ? { description: body.description } : {}),
      // Turning it on again starts its failure count afresh; turning it off is the organiser's choice.
      ...(body.enabled === true ? { disabledAt: null, disabledReason: null, failureCount: 0 } : {}),
      ...(body.enabled === false && !current.disabledAt ? { disabledAt: new Date(), disabledReason: 'Turned off by the organiser.' } : {}),
    },
  })
  return toWebhookEndpointDto(row)
}

/** Deletes the endpoint and its delivery log; pending deliveries are dropped with it. */
export async function deleteWebhook(db: Db, userId: string, id: string): Promise<WebhookEndpointDto> {
  const row = await ownEndpoint(db, userId, id)
  await db.webhookEndpoint.delete({ where: { id: row.id } })
  return toWebhookEndpointDto(row)
}

export { ownEndpoint as findOwnWebhook }
