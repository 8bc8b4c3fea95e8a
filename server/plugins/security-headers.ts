// Security headers on every response (server/utils/security-headers.ts). The CSP starts strict
// (nothing allowed); when Nuxt renders a page, the render hook swaps in the page policy with a fresh
// nonce and stamps that nonce on the page's inline script and style elements.
import { API_CSP, baseSecurityHeaders, newNonce, pageCsp, stampNonce } from '../utils/security-headers.ts'
import { config } from '../config/env.ts'

export default defineNitroPlugin((nitroApp) => {
  const base = baseSecurityHeaders(config().appUrl)
  nitroApp.hooks.hook('request', (event) => {
    const res = event.node.res
    for (const [name, value] of Object.entries(base)) res.setHeader(name, value)
    res.setHeader('Content-Security-Policy', API_CSP)
  })
  nitroApp.hooks.hook('render:html', (html, { event }) => {
    const nonce = newNonce()
    for (const part of ['htmlAttrs', 'head', 'bodyAttrs', 'bodyPrepend', 'body', 'bodyAppend'] as const) {
      html[part] = html[part].map(fragment => stampNonce(fragment, nonce))
    }
    event.node.res.setHeader('Content-Security-Policy', pageCsp(nonce))
  })
})
