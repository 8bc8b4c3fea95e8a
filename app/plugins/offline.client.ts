// The offline side of the app, started once in the browser: the online flag, the install offer,
// and the two things to do whenever the connection is (back): send the outbox and refresh this
// device's copies. Background Sync reaches us as a message from the service worker (public/sw-sync.js).
export default defineNuxtPlugin({
  name: 'offline',
  dependsOn: ['session'],
  setup() {
    const online = useOnline()
    const session = useSessionStore()
    const outbox = useOutbox()
    const device = useDeviceSync()
    listenForInstallPrompt()

    function whenOnline() {
      if (!navigator.onLine) return
      if (session.user) void outbox.flush().then(() => device.refresh())
      else void device.refresh()
    }

    // After hydration (which waits for the pages' async setup), so the server's "online" first paint and the browser's agree.
    onNuxtReady(() => {
      online.value = navigator.onLine
      window.addEventListener('online', () => {
        online.value = true
        whenOnline()
      })
      window.addEventListener('offline', () => { online.value = false })
      navigator.serviceWorker?.addEventListener('message', (event: MessageEvent<{ type?: string }>) => {
        if (event.data?.type === 'outbox-sync') void outbox.flush()
      })
      void outbox.reload()
      whenOnline()
    })
  },
})
