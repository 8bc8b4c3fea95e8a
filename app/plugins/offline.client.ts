// The offline side of the app, started once in the browser: the online flag, the install offer,
// and the two things to do whenever the connection is (back): send the outbox and refresh this
// device's copies. Background Sync reaches us as a message from the service worker (public/sw-sync.js).
// The outbox and device-sync code (IndexedDB, tickets, the search index) is loaded once the page is
// interactive, not with the first page: a first visit needs none of it to render.
export default defineNuxtPlugin({
  name: 'offline',
  dependsOn: ['session'],
  setup(nuxtApp) {
    const online = useOnline()
    const session = useSessionStore()
    listenForInstallPrompt()

    // After hydration (which waits for the pages' async setup), so the server's "online" first paint and the browser's agree.
    onNuxtReady(async () => {
      online.value = navigator.onLine
      window.addEventListener('offline', () => { online.value = false })
      const [{ useOutbox }, { useDeviceSync }] = await Promise.all([import('~/composables/useOutbox'), import('~/composables/useDeviceSync')])
      const { outbox, device } = await nuxtApp.runWithContext(() => ({ outbox: useOutbox(), device: useDeviceSync() }))

      function whenOnline() {
        if (!navigator.onLine) return
        if (session.user) void outbox.flush().then(() => device.refresh())
        else void device.refresh()
      }

      window.addEventListener('online', () => {
        online.value = true
        whenOnline()
      })
      navigator.serviceWorker?.addEventListener('message', (event: MessageEvent<{ type?: string }>) => {
        if (event.data?.type === 'outbox-sync') void outbox.flush()
      })
      void outbox.reload()
      whenOnline()
    })
  },
})
