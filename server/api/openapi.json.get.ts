// GET /api/openapi.json: the OpenAPI 3.1 document of every route, generated from the route list once
// per process (it only changes with a deploy).
import { buildOpenApiDocument } from '../openapi/openapi-document.ts'
import { config } from '../config/env.ts'

let document: ReturnType<typeof buildOpenApiDocument> | undefined

export default defineEventHandler((event) => {
  document ??= buildOpenApiDocument(config().appUrl)
  setResponseHeader(event, 'Cache-Control', 'public, max-age=300')
  return document
})
