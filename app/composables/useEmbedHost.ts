import type { EmbedBookedMessage, EmbedResizeMessage } from '#shared/types/embed'

/**
 * The page that frames the widget, as the server verified it (server/middleware/05.embed-frame.ts:
 * the origin public/embed.js named, on the organiser's list, and the only one allowed to frame this
 * answer). Messages go to that origin alone; without one the widget tells nobody anything.
 */
export function useEmbedHost() {
  const host = useState<string | null>('embed-host', () => (import.meta.server ? useRequestEvent()?.context.embedHost ?? null : null))

  function post(message: EmbedBookedMessage | EmbedResizeMessage): void {
    if (import.meta.server || !host.value || window.parent === window) return
    window.parent.postMessage(message, host.value)
  }

  return { host, post }
}
