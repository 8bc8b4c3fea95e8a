/**
 * Whether the browser has a connection. True while rendering on the server and hydrating (so the
 * first paint matches), then navigator.onLine, kept current by plugins/offline.client.ts.
 */
export function useOnline() {
  return useState('online', () => true)
}
