import { describe, expect, it } from 'vitest'
import { allowedMethods } from '../../server/utils/route-match.ts'

const ROUTES = [
  { route: '/api/auth/login', method: 'POST' },
  { route: '/api/me', method: 'GET' },
  { route: '/api/me', method: 'PATCH' },
  { route: '/api/events/:id', method: 'GET' },
  { route: '/api/events/:id/seats', method: 'GET' },
  { route: '/api/health', method: undefined },
]

describe('allowedMethods', () => {
  it.each([
    ['/api/auth/login', ['POST']],
    ['/api/me', ['GET', 'PATCH']],
    ['/api/me/', ['GET', 'PATCH']],
    ['/api/events/abc', ['GET']],
    ['/api/events/abc/seats', ['GET']],
    ['/api/events/abc/def/seats', []],
    ['/api/health', ['GET']],
    ['/api/nothing', []],
    ['/api/meX', []],
  ])('%s → %j', (path, methods) => {
    expect(allowedMethods(ROUTES, path)).toEqual(methods)
  })
})
