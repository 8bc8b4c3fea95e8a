// The booking widget's pages (/embed/events/:id…) may be framed by the sites the event's organiser
// allowed (GET/PUT /api/organiser/embed-origins), and by no one else; every other answer keeps
// frame-ancestors 'none' and X-Frame-Options: DENY (server/plugins/security-headers.ts).
//
// public/embed.js names the embedding page's origin in `?origin=`. When that origin is on the list,
// the page may be framed by it alone, so the frame knows for certain who its parent is and posts
// the booking message to exactly that origin (`event.context.embedHost`). Without it, any listed
// origin may frame the page but nobody is told anything.
import { defineEventHandler, getQuery } from 'h3'
import { embedOriginsForEvent } from '../domain/embed/embed-origins.ts'
import { embedFraming } from '../domain/embed/embed-framing.ts'

const EMBED_PAGE = /^\/embed\/events\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[/?]|$)/i

export default defineEventHandler(async (event) => {
  if (!event.path.startsWith('/embed/')) return
  const match = event.path.match(EMBED_PAGE)
  const allowed = match ? await embedOriginsForEvent(useDb(), match[1]!.toLowerCase()) : []
  const { ancestors, host } = embedFraming(allowed, getQuery(event).origin)
  if (!ancestors.length) return // unknown event, no list, or an origin not on it: framed by nobody
  event.context.frameAncestors = ancestors.join(' ')
  event.context.embedHost = host
  // X-Frame-Options cannot name origins; browsers that know frame-ancestors ignore it anyway.
  event.node.res.removeHeader('X-Frame-Options')
})

declare module 'h3' {
  interface H3EventContext {
    /** The `frame-ancestors` sources of a widget page (else 'none'). */
    frameAncestors?: string
    /** The embedding page's origin, verified against the organiser's list. */
    embedHost?: string
  }
}
