// Imported by the generated service worker (config/pwa.ts). Background Sync wakes the worker when
// the connection is back; the pages own the outbox (IndexedDB), so the worker only tells them to send it.
self.addEventListener('sync', (event) => {
  if (event.tag !== 'bookify-outbox') return
  event.waitUntil(self.clients.matchAll({ type: 'window' }).then((clients) => {
    for (const client of clients) client.postMessage({ type: 'outbox-sync' })
  }))
})
