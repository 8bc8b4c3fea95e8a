// Readiness: 200 when PostgreSQL, Redis and RabbitMQ all answer within a second, else 503 NOT_READY
// naming what is down. Liveness is /api/health. The 503 is answered here rather than thrown, so a
// load balancer probing a degraded instance does not fill the error log.
import { DomainError } from '../domain/errors.ts'
import { checkDependencies, DEPENDENCY_LABELS, type DependencyName } from '../observability/readiness.ts'

export default defineEventHandler(async (event) => {
  const status = await checkDependencies()
  setResponseHeader(event, 'Cache-Control', 'no-store')
  const down = (Object.keys(status) as DependencyName[]).filter(name => status[name] === 'down')
  if (down.length === 0) return status
  const names = down.map(name => DEPENDENCY_LABELS[name]).join(', ')
  const body = toApiErrorBody(new DomainError('NOT_READY', `Not ready: ${names} ${down.length === 1 ? 'is' : 'are'} down.`, status))
  setResponseStatus(event, body.statusCode)
  setResponseHeader(event, 'Retry-After', 5)
  return body
})
