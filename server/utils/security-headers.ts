// The security headers of every answer. Pages get a Content-Security-Policy with a per-response
// nonce (server/plugins/security-headers.ts stamps it on the inline scripts Nuxt renders); every
// other answer (JSON, SVG, iCalendar, SSE) gets a policy that allows nothing at all.
import { randomBytes } from 'node:crypto'

export function newNonce(): string {
  return randomBytes(16).toString('base64')
}

/**
 * Scripts only from this origin or carrying the response's nonce; no eval. Style attributes
 * (`style="…"`, which Vue renders for positioned seats) are the one inline allowance:
 * style-src-attr 'unsafe-inline' cannot run code, and style elements still need the nonce.
 */
export function pageCsp(nonce: string): string {
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    `style-src-attr 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self' data:`,
    `connect-src 'self'`,
    `media-src 'self' blob:`,
    `worker-src 'self'`,
    `manifest-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ].join('; ')
}

export const API_CSP = `default-src 'none'; frame-ancestors 'none'`

/** Headers that do not depend on the response's kind. HSTS only when the app is served over https. */
export function baseSecurityHeaders(appUrl: string): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    // The door check-in scanner uses this origin's camera; nothing else may use any of these.
    'Permissions-Policy': 'camera=(self), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
  }
  const { protocol, hostname } = new URL(appUrl)
  if (protocol === 'https:' && !['localhost', '127.0.0.1', '[::1]'].includes(hostname)) {
    headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains'
  }
  return headers
}

const TAG = /<(script|style)(?=[\s>])/g

/** Adds the nonce to every script and style element of a rendered page fragment. */
export function stampNonce(html: string, nonce: string): string {
  return html.replace(TAG, `<$1 nonce="${nonce}"`)
}
