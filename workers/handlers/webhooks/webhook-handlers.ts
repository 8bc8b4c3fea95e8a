// The webhooks consumer's handlers: every bound domain event becomes one delivery per matching
// endpoint (recorded with the processed mark, in one transaction), then each delivery that heads
// its aggregate's line is scheduled at once; the others wait for the one before them.
import type { ValidMessage } from '../../../server/messaging/envelope.ts'
import { QUEUE_BINDINGS, QUEUES } from '../../../server/messaging/names.ts'
import { recordDeliveries } from '../../../server/domain/webhooks/record-deliveries.ts'
import type { HandlerMap, HandlerTools } from '../../runtime/handlers.ts'

export interface WebhookHandlerServices {
  /** Schedules the delivery's first attempt now. Never throws (the sweep covers a lost job). */
  schedule(deliveryId: string): Promise<void>
}

export function webhookHandlers(services: WebhookHandlerServices): HandlerMap<typeof QUEUES.webhooks> {
  const handlers: Record<string, (data: unknown, tools: HandlerTools) => Promise<void>> = {}
  for (const type of QUEUE_BINDINGS[QUEUES.webhooks]) {
    handlers[type] = async (data, tools) => {
      const outbox = await tools.db.outboxMessage.findUnique({ where: { id: tools.messageId }, select: { createdAt: true } })
      // The runtime validated `data` against `type`'s schema; the envelope is rebuilt for the domain.
      const message = { id: tools.messageId, type, data, correlationId: tools.correlationId, occurredAt: (outbox?.createdAt ?? new Date()).toISOString() } as ValidMessage
      const recorded = await recordDeliveries(tools.db, tools.tx, message)
      for (const delivery of recorded) {
        if (delivery.first) await services.schedule(delivery.id)
      }
      if (recorded.length) tools.log.info({ deliveries: recorded.length }, 'webhook deliveries recorded')
    }
  }
  return handlers as HandlerMap<typeof QUEUES.webhooks>
}
