// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the virtual module is typed only here, and the app project type-checks this file too
/// <reference path="../types/api-routes.d.ts" />
// Anything under /api that no route handled: 405 when the path exists for another method,
// else 404 — both in the contract's error shape, never Nuxt's HTML page.
import apiRoutes from '#bookify/api-routes'
import { allowedMethods } from '../utils/route-match.ts'

export default defineEventHandler((event) => {
  const methods = allowedMethods(apiRoutes, event.path.split('?')[0]!)
  if (methods.length > 0) {
    setResponseHeader(event, 'Allow', methods.join(', '))
    throw createError({ statusCode: 405, statusMessage: `Use ${methods.join(' or ')} on this address.` })
  }
  throw createError({ statusCode: 404, statusMessage: 'There is nothing at this address.' })
})
