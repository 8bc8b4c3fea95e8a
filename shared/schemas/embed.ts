// The embeddable booking widget (docs/API.md, Integrations): which sites an organiser lets frame it.
import { z } from 'zod'

/** A bound on one organiser's list: a frame-ancestors header has to stay a sensible size. */
export const MAX_EMBED_ORIGINS = 20

/** Hosts where plain http is accepted, for trying the widget on one's own machine. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * Why a text is not an origin we can put in `frame-ancestors`, or undefined when it is one:
 * `https://host[:port]`, or `http://` on localhost/127.0.0.1 only; no path, query, user or wildcard.
 */
export function embedOriginProblem(text: string): string | undefined {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return 'Use an origin such as https://www.example.com.'
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Use an https:// origin.'
  if (url.protocol === 'http:' && !LOCAL_HOSTS.has(url.hostname)) return 'Use https:// (plain http only for localhost or 127.0.0.1).'
  if (url.username || url.password) return 'An origin carries no user name or password.'
  if (url.pathname !== '/' || url.search || url.hash || /[?#]/.test(text)) return 'An origin has no path, query or fragment: just scheme://host[:port].'
  if (url.hostname.includes('*')) return 'Wildcards are not allowed: list each site.'
  return undefined
}

/** One allowed origin, normalised as browsers send it (lower-case host, no default port, no slash). */
export const embedOrigin = z.string().trim().min(1, 'Enter an origin.').max(200, 'Use at most 200 characters.')
  .superRefine((text, ctx) => {
    const problem = embedOriginProblem(text)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })
  .transform(text => new URL(text).origin)

/** PUT /api/organiser/embed-origins: the whole list, replacing the one before. */
export const putEmbedOriginsBody = z.object({
  origins: z.array(embedOrigin).max(MAX_EMBED_ORIGINS, `List at most ${MAX_EMBED_ORIGINS} origins.`),
}).strict()
export type PutEmbedOriginsBody = z.infer<typeof putEmbedOriginsBody>
