// Request validation with the shared zod schemas: 400 VALIDATION_FAILED naming each field,
// 400 MALFORMED_JSON when the body is not JSON at all, 404 NOT_FOUND for route parameters that
// cannot name anything.
import { getQuery, getRouterParams, readRawBody, type H3Event } from 'h3'
import type { z } from 'zod'
import { DomainError } from '../domain/errors.ts'
import type { ValidationIssue } from '../../shared/types/api-error.ts'

function issuesOf(error: z.ZodError): ValidationIssue[] {
  return error.issues.map(i => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }))
}

function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value)
  if (!result.success) {
    throw new DomainError('VALIDATION_FAILED', 'Some fields are not valid.', { issues: issuesOf(result.error) })
  }
  return result.data
}

async function readJson(event: H3Event): Promise<unknown> {
  const raw = await readRawBody(event, 'utf8')
  if (raw === undefined || raw.trim() === '') return undefined
  try {
    return JSON.parse(raw)
  } catch {
    throw new DomainError('MALFORMED_JSON', 'The request body is not valid JSON.')
  }
}

export async function readValid<S extends z.ZodType>(event: H3Event, schema: S): Promise<z.output<S>> {
  return parseOrThrow(schema, await readJson(event))
}

export function queryValid<S extends z.ZodType>(event: H3Event, schema: S): z.output<S> {
  return parseOrThrow(schema, getQuery(event))
}

/**
 * The route's parameters (shared/schemas/params.ts). A malformed id is an address where nothing can
 * be, so it answers 404 like an unknown one, never 400 or a database error.
 */
export function readParams<S extends z.ZodType>(event: H3Event, schema: S): z.output<S> {
  const result = schema.safeParse(getRouterParams(event))
  if (!result.success) throw new DomainError('NOT_FOUND', 'There is nothing at this address.')
  return result.data
}
