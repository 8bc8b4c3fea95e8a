// PostgreSQL outages answer 503 SERVICE_UNAVAILABLE, whatever shape the driver or Prisma gives them;
// anything else unexpected stays a 500.
import { describe, expect, it } from 'vitest'
import { toApiErrorBody } from '../../server/utils/api-error.ts'

const prismaWrapped = (originalCode: string, message: string) => Object.assign(new Error(`Invalid \`prisma.event.count()\` invocation:\n\nDatabase error. Code: \`${originalCode}\`. Message: \`${message}\``), {
  code: 'P2010',
  meta: { driverAdapterError: Object.assign(new Error(message), { cause: { originalCode, kind: 'postgres', message } }) },
})

describe('toApiErrorBody for database failures', () => {
  it.each([
    ['a terminated backend (pg_terminate_backend)', prismaWrapped('57P01', 'terminating connection due to administrator command')],
    ['a database starting up', prismaWrapped('57P03', 'the database system is starting up')],
    ['too many connections', prismaWrapped('53300', 'sorry, too many clients already')],
    ['a connection exception (class 08)', prismaWrapped('08006', 'connection failure')],
    ['a refused socket', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a pool timeout', Object.assign(new Error('Timed out fetching a new connection from the connection pool'), { code: 'P2024' })],
    ['a wrapped cause', Object.assign(new Error('failed'), { cause: new Error('Connection terminated unexpectedly') })],
  ])('answers 503 for %s', (_, error) => {
    expect(toApiErrorBody(error)).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE' })
  })

  it.each([
    ['a unique violation', prismaWrapped('23505', 'duplicate key value violates unique constraint')],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
  ])('answers 500 for %s', (_, error) => {
    expect(toApiErrorBody(error)).toMatchObject({ statusCode: 500, code: 'INTERNAL_ERROR' })
  })
})
