import { createEventBody } from '../../../shared/schemas/events.ts'
import { createEvent } from '../../domain/events/create-event.ts'
import { config } from '../../config/env.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const body = await readValid(event, createEventBody)
  const created = await createEvent(useDb(), caller.userId, body, { holdMinutesDefault: config().holdMinutesDefault, effects: useAfterCommit() })
  setResponseStatus(event, 201)
  setResponseHeader(event, 'Location', `/api/events/${created.id}`)
  return created
})
