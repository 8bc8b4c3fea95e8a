// Both ends of the wire format in messages.ts: the relay turns an outbox row into an envelope, a
// consumer turns bytes back into a validated envelope (the payload checked against its type's schema).
import { MESSAGE_PAYLOADS, messageEnvelope, type MessageEnvelope, type MessagePayload } from './messages.ts'
import type { RoutingKey } from './names.ts'

/** An envelope whose payload has been validated for its type. */
export type TypedEnvelope<K extends RoutingKey> = Omit<MessageEnvelope, 'type' | 'data'> & { type: K, data: MessagePayload<K> }

/** Any validated envelope: a union on `type`, so narrowing the type narrows the payload. */
export type ValidMessage = { [K in RoutingKey]: TypedEnvelope<K> }[RoutingKey]

export interface OutboxRowForWire {
  id: string
  routingKey: string
  payload: unknown
  correlationId: string | null
  createdAt: Date
}

export function envelopeOf(row: OutboxRowForWire): MessageEnvelope {
  return {
    id: row.id,
    type: row.routingKey as RoutingKey,
    occurredAt: row.createdAt.toISOString(),
    correlationId: row.correlationId,
    data: row.payload,
  }
}

export type ParsedMessage = { ok: true, message: ValidMessage } | { ok: false, error: string }

/** Parses and validates a message body: the envelope, then the payload against its type's schema. */
export function parseMessage(content: Buffer | string): ParsedMessage {
  let json: unknown
  try {
    json = JSON.parse(content.toString())
  } catch {
    return { ok: false, error: 'body is not JSON' }
  }
  const envelope = messageEnvelope.safeParse(json)
  if (!envelope.success) return { ok: false, error: `invalid envelope: ${envelope.error.message}` }
  const payload = MESSAGE_PAYLOADS[envelope.data.type].safeParse(envelope.data.data)
  if (!payload.success) return { ok: false, error: `invalid ${envelope.data.type} payload: ${payload.error.message}` }
  // The payload was checked against its own type's schema just above; TypeScript cannot follow that link.
  return { ok: true, message: { ...envelope.data, data: payload.data } as ValidMessage }
}
