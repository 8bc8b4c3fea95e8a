// Every API route, read from the file names under server/api the way Nitro maps them
// (`events/[id]/index.patch.ts` → PATCH /api/events/:id), so a new route is covered automatically.
import { readdirSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

interface ApiRouteFile {
  method: string
  /** `/api/events/:id` */
  route: string
  params: string[]
  file: string
}

const API_DIR = join(process.cwd(), 'server/api')
const METHOD = /\.(get|post|put|patch|delete|head|options)$/

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(e => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []))
}

export function apiRouteFiles(): ApiRouteFile[] {
  return files(API_DIR).flatMap((file) => {
    let path = relative(API_DIR, file).split(sep).join('/').replace(/\.ts$/, '')
    const method = path.match(METHOD)?.[1]?.toUpperCase() ?? 'GET'
    path = path.replace(METHOD, '')
    if (path.includes('[...')) return [] // the catch-all that answers 404/405
    const segments = path.split('/')
    if (segments.at(-1) === 'index') segments.pop()
    const params = segments.filter(s => s.startsWith('[')).map(s => s.slice(1, -1))
    const route = `/api/${segments.map(s => (s.startsWith('[') ? `:${s.slice(1, -1)}` : s)).join('/')}`.replace(/\/$/, '')
    return [{ method, route, params, file }]
  }).sort((a, b) => a.route.localeCompare(b.route) || a.method.localeCompare(b.method))
}

export function fillRoute(route: string, values: Record<string, string>): string {
  return route.replace(/:(\w+)/g, (_, name: string) => values[name] ?? 'x')
}
