// The OpenAPI document covers every route file under server/api (read the way Nitro maps them), and
// names no route that does not exist: the route list in server/openapi/operations.ts cannot drift.
import { describe, expect, it } from 'vitest'
import { apiRouteFiles } from '../support/api-routes.ts'
import { API_OPERATIONS } from '../../server/openapi/operations.ts'
import { buildOpenApiDocument } from '../../server/openapi/openapi-document.ts'

const toOpenApiPath = (route: string) => route.replace(/:(\w+)/g, '{$1}')
const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`

describe('OpenAPI route coverage', () => {
  const files = apiRouteFiles().map(r => key(r.method, toOpenApiPath(r.route)))
  const listed = API_OPERATIONS.map(op => key(op.method, op.path))

  it('lists every route file, and nothing else', () => {
    expect(files.length).toBeGreaterThan(70)
    expect(files.filter(f => !listed.includes(f)), 'route files missing from server/openapi/operations.ts').toEqual([])
    expect(listed.filter(l => !files.includes(l)), 'operations without a route file').toEqual([])
    expect(new Set(listed).size, 'an operation listed twice').toBe(listed.length)
  })

  it('names every path parameter the route reads', () => {
    for (const op of API_OPERATIONS) {
      const inPath = [...op.path.matchAll(/\{(\w+)\}/g)].map(m => m[1]).sort()
      const declared = Object.keys(op.params?.shape ?? {}).sort()
      expect(declared, key(op.method, op.path)).toEqual(inPath)
    }
  })
})

describe('the generated document', () => {
  const doc = buildOpenApiDocument('https://bookify.example')

  it('is OpenAPI 3.1 with one operation per route, each with its error shape', () => {
    expect(doc.openapi).toBe('3.1.0')
    const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) => Object.entries(item as object).map(([method, op]) => ({ path, method, op })))
    expect(operations).toHaveLength(API_OPERATIONS.length)
    for (const { path, method, op } of operations) {
      expect(op.responses?.default, `${method} ${path}`).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } } })
    }
    expect(new Set(operations.map(o => o.op.operationId)).size).toBe(operations.length)
  })

  it('describes bodies and answers from the shared zod schemas', () => {
    const createEvent = doc.paths?.['/api/events']?.post
    const requestBody = createEvent?.requestBody as { content: Record<string, { schema?: unknown }> } | undefined
    expect(requestBody?.content['application/json']?.schema).toMatchObject({ type: 'object', required: expect.arrayContaining(['title', 'sections']) })
    expect(createEvent?.responses?.['201']).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/EventDetail' } } } })
    const eventDetail = doc.components?.schemas?.EventDetail as { properties: Record<string, unknown>, additionalProperties?: unknown }
    expect(Object.keys(eventDetail.properties)).toEqual(expect.arrayContaining(['id', 'sections', 'organiser', 'refundPolicy']))
    const getEvent = doc.paths?.['/api/events/{id}']?.get
    expect(getEvent?.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })])
  })

  it('names the API key scope each organiser route needs', () => {
    expect(doc.paths?.['/api/events/{id}/checkin']?.post?.security).toContainEqual({ apiKey: ['checkin'] })
    expect(doc.paths?.['/api/holds']?.post?.security).not.toContainEqual(expect.objectContaining({ apiKey: expect.anything() }))
  })
})
