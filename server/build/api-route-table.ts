// Build-time: exposes the API's (route, method) table to the runtime as the virtual module
// `#bookify/api-routes`, so the /api catch-all can tell "no such route" (404) from
// "route exists, other method" (405) — Nuxt's page renderer would otherwise answer both.
import type { Nitro } from 'nitropack'

export interface ApiRoute {
  route: string
  method: string | undefined
}

export function registerApiRouteTable(nitro: Nitro): void {
  nitro.options.virtual['#bookify/api-routes'] = () => {
    const routes: ApiRoute[] = [...nitro.scannedHandlers, ...nitro.options.handlers]
      .filter(h => h.route?.startsWith('/api/') && !h.route.endsWith('/**'))
      .map(h => ({ route: h.route!, method: h.method?.toUpperCase() }))
    return `export default ${JSON.stringify(routes)}`
  }
}
