import { listEventsQuery } from '../../../shared/schemas/events.ts'
import { listPublicEvents } from '../../domain/events/list-events.ts'

export default defineEventHandler((event) => {
  const query = queryValid(event, listEventsQuery)
  return listPublicEvents(useDb(), query)
})
