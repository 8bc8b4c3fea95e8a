// Security headers on every response (server/utils/security-headers.ts). The CSP starts strict
// (nothing allowed); when Nuxt renders a page, the render hook swaps in the page policy naming the
// hashes of the page's own inline script and style elements.
// The same hook first inlines the page's build stylesheets (server/utils/inline-stylesheets.ts): the
// hashes must be those of the final HTML, so both happen here, in this order.
import { API_CSP, baseSecurityHeaders, pageCspFor } from '../utils/security-headers.ts'
import { inlineStylesheets } from '../utils/inline-stylesheets.ts'
import { config } from '../config/env.ts'

export default defineNitroPlugin((nitroApp) => {
  const base = baseSecurityHeaders(config().appUrl)
  const readAsset = async (href: string) => {
    const res = await nitroApp.localFetch(href)
    return res.ok ? res.text() : undefined
  }
  nitroApp.hooks.hook('request', (event) => {
    const res = event.node.res
    for (const [name, value] of Object.entries(base)) res.setHeader(name, value)
    res.setHeader('Content-Security-Policy', API_CSP)
  })
  nitroApp.hooks.hook('render:html', async (html, { event }) => {
    const whole = () => [...html.head, ...html.bodyPrepend, ...html.body, ...html.bodyAppend].join('')
    const page = whole()
    html.head = await Promise.all(html.head.map(fragment => inlineStylesheets(fragment, page, readAsset)))
    event.node.res.setHeader('Content-Security-Policy', pageCspFor(whole(), event.context.frameAncestors))
  })
})
