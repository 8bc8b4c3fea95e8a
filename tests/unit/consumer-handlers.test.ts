import { randomUUID } from 'node:crypto'
import { pino } from 'pino'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { parseMessage, type ValidMessage } from '../../server/messaging/envelope.ts'
import { ROUTING_KEYS, type QUEUES } from '../../server/messaging/names.ts'
import { dispatch, type HandlerMap, type HandlerTools, type PayloadOf } from '../../workers/runtime/handlers.ts'

function validMessage(type: string, data: unknown): ValidMessage {
  const parsed = parseMessage(JSON.stringify({ id: randomUUID(), type, occurredAt: new Date().toISOString(), correlationId: 'corr-1', data }))
  if (!parsed.ok) throw new Error(parsed.error)
  return parsed.message
}

function toolsFor(message: ValidMessage): HandlerTools {
  return { db: undefined as never, log: pino({ level: 'silent' }), tx: async () => { throw new Error('no database here') }, messageId: message.id, correlationId: message.correlationId }
}

describe('typed handler dispatch', () => {
  const hold = { holdId: randomUUID(), userId: randomUUID(), eventId: randomUUID(), placeIds: [randomUUID()] }

  it('gives the handler of the message\'s type its validated payload and the message\'s id', async () => {
    const seen: { data: unknown, messageId: string, correlationId: string | null }[] = []
    const handlers: HandlerMap<typeof QUEUES.cleanup> = {
      [ROUTING_KEYS.holdExpired]: async (data, { messageId, correlationId }) => { seen.push({ data, messageId, correlationId }) },
      [ROUTING_KEYS.bookingCancelled]: async () => { throw new Error('the wrong handler ran') },
    }
    // The schema drops what it does not know: the handler sees the validated payload, not the raw one.
    const message = validMessage(ROUTING_KEYS.holdExpired, { ...hold, smuggled: 'x' })
    expect(await dispatch(handlers, message, toolsFor(message))).toBe(true)
    expect(seen).toEqual([{ data: hold, messageId: message.id, correlationId: 'corr-1' }])
  })

  it('answers false, running nothing, for a type the map has no handler for', async () => {
    const handlers: HandlerMap<typeof QUEUES.cleanup> = { [ROUTING_KEYS.holdExpired]: async () => { throw new Error('ran') } }
    const message = validMessage(ROUTING_KEYS.eventCancelled, { eventId: randomUUID() })
    expect(await dispatch(handlers, message, toolsFor(message))).toBe(false)
  })

  it('types each handler\'s payload by its routing key and refuses keys the queue does not receive', () => {
    const handlers: HandlerMap<typeof QUEUES.cleanup> = {
      [ROUTING_KEYS.holdExpired]: async (data) => {
        expectTypeOf(data).toEqualTypeOf<PayloadOf<'hold.expired'>>()
        expectTypeOf(data.placeIds).toEqualTypeOf<string[]>()
      },
      // @ts-expect-error user.registered is not bound to cleanup:release:quorum, so it cannot have a handler there
      [ROUTING_KEYS.userRegistered]: async () => {},
    }
    expect(Object.keys(handlers)).toHaveLength(2)
  })
})
