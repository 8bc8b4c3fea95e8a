// The security headers of every answer. Pages get a Content-Security-Policy that names the SHA-256
// hash of each inline script and style element of that very page (server/plugins/security-headers.ts
// and the page cache compute it from the HTML); every other answer (JSON, SVG, iCalendar, SSE) gets a
// policy that allows nothing at all.
//
// Why hashes and not a per-response nonce: public pages are served from a cache (ours, and a CDN's
// when one is in front). A nonce stored in a cached page would be the same for every visitor until
// the entry changes, i.e. no longer a nonce; rewriting it per answer works only where our code
// runs, never in a CDN. A hash is a property of the cached HTML itself, so the page and its policy
// can be cached together anywhere, and only the exact inline code we rendered may run: an injected
// script cannot match a hash, whereas a nonce placeholder rewritten into a page would bless any
// element that carries it.
import { createHash } from 'node:crypto'

export interface InlineHashes {
  scripts: string[]
  styles: string[]
}

const INLINE = /<(script|style)\b([^>]*)>([\s\S]*?)<\/\1\s*>/gi
/** Data blocks (Nuxt's JSON payload) are never run, so the policy need not name them. */
const DATA_BLOCK = /\stype\s*=\s*["']?application\/(?:ld\+)?json/i

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`

/** The hashes of the inline script and style elements of a page (or a fragment of one). */
export function inlineHashes(html: string): InlineHashes {
  const scripts = new Set<string>()
  const styles = new Set<string>()
  for (const [, tag, attrs = '', body = ''] of html.matchAll(INLINE)) {
    if (tag!.toLowerCase() === 'style') styles.add(sha256(body))
    else if (!/\ssrc\s*=/i.test(attrs) && !DATA_BLOCK.test(attrs)) scripts.add(sha256(body))
  }
  return { scripts: [...scripts], styles: [...styles] }
}

/**
 * Scripts only from this origin or with the hash of an inline script of this page; no eval. Style
 * attributes (`style="…"`, which Vue renders for positioned seats) are the one inline allowance:
 * style-src-attr 'unsafe-inline' cannot run code, and style elements still need their hash.
 */
export function pageCsp({ scripts, styles }: InlineHashes, frameAncestors = `'none'`): string {
  return [
    `default-src 'self'`,
    ['script-src', `'self'`, ...scripts].join(' '),
    ['style-src', `'self'`, ...styles].join(' '),
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
    `frame-ancestors ${frameAncestors}`,
  ].join('; ')
}

/**
 * The policy of a whole rendered page. Only the widget's pages (server/middleware/05.embed-frame.ts)
 * pass the origins their organiser allowed; every other page may be framed by nobody.
 */
export function pageCspFor(html: string, frameAncestors?: string): string {
  return pageCsp(inlineHashes(html), frameAncestors)
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
