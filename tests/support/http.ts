// A tiny HTTP client for black-box API tests, with an optional cookie jar per simulated browser.
import { testBaseUrl } from './lane.ts'
import { assertAnswerInSpec } from './openapi.ts'

export interface Res<T = any> {
  status: number
  body: T
  headers: Headers
}

export function baseUrl(): string {
  return testBaseUrl()
}

export async function api<T = any>(method: string, path: string, options: { body?: unknown, rawBody?: string, headers?: Record<string, string>, token?: string, base?: string, unchecked?: boolean } = {}): Promise<Res<T>> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] ??= 'application/json'
  if (options.token) headers.authorization = `Bearer ${options.token}`
  const res = await fetch(`${options.base ?? baseUrl()}${path}`, {
    method,
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    redirect: 'manual',
  })
  const text = await res.text()
  let body: unknown = text
  try {
    body = text ? JSON.parse(text) : null
  } catch { /* not JSON: keep the text */ }
  const answer = { status: res.status, body: body as T, headers: res.headers }
  // Every answer is held to the OpenAPI document (opt out only to send what no client would).
  if (options.unchecked !== true) assertAnswerInSpec(method, path, answer)
  return answer
}

/** A browser-like client: keeps cookies and sends the app's Origin on writes. */
export class Browser {
  private jar = new Map<string, string>()
  origin = baseUrl()

  cookie(name: string): string | undefined {
    return this.jar.get(name)
  }

  async request<T = any>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<Res<T>> {
    const headers: Record<string, string> = { ...extraHeaders }
    if (this.jar.size) headers.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ')
    if (method !== 'GET') headers.origin ??= this.origin
    const res = await api<T>(method, path, { body, headers })
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';')
      const [name, ...rest] = pair!.split('=')
      const value = rest.join('=')
      const expired = attrs.some(a => /max-age=0\b/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a.trim()))
      if (!value || expired) this.jar.delete(name!.trim())
      else this.jar.set(name!.trim(), value)
    }
    return res
  }
}

let counter = 0
export function uniqueEmail(tag = 'user'): string {
  return `${tag}-${Date.now().toString(36)}-${(counter++).toString(36)}@example.test`
}
