// Which origins may frame one answer of the widget, and which host it may talk to (see
// server/middleware/05.embed-frame.ts for where it is used).
import { embedOriginProblem } from '../../../shared/schemas/embed.ts'

/**
 * `allowed`: the event organiser's list; `requested`: the `?origin=` public/embed.js sent. A listed
 * origin narrows framing to itself and becomes the verified host; one not on the list gets nothing
 * (framed by nobody); none at all leaves the whole list and no host to tell.
 */
export function embedFraming(allowed: readonly string[], requested: unknown): { ancestors: string[], host?: string } {
  if (requested === undefined || requested === '') return { ancestors: [...allowed] }
  if (typeof requested !== 'string' || embedOriginProblem(requested)) return { ancestors: [] }
  const host = new URL(requested).origin
  return allowed.includes(host) ? { ancestors: [host], host } : { ancestors: [] }
}
