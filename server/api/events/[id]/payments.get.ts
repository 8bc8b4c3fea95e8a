import { eventPayments } from '../../../domain/payments/event-payments.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  return eventPayments(useDb(), getRouterParam(event, 'id') ?? '', caller)
})
