/** Chromium's beforeinstallprompt event (not in the DOM typings). */
interface InstallPromptEvent extends Event {
  prompt: () => Promise<void>
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>
}

// One per browser tab: the event fires once, possibly before any component that offers it exists.
const deferred = shallowRef<InstallPromptEvent | null>(null)

/** Starts listening for the browser's install offer (plugins/offline.client.ts, at app start). */
export function listenForInstallPrompt() {
  window.addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault() // keep the browser's own mini-infobar away; we offer it in the page
    deferred.value = event as InstallPromptEvent
  })
  window.addEventListener('appinstalled', () => { deferred.value = null })
}

/** The "Install" affordance: shown only where the browser offers installation and the user has not said "Not now". */
export function useInstallPrompt() {
  const prefs = useUiPrefsStore()
  const canInstall = computed(() => deferred.value !== null && !prefs.installDismissed)

  async function install() {
    const event = deferred.value
    if (!event) return
    deferred.value = null
    await event.prompt()
    if ((await event.userChoice).outcome === 'dismissed') prefs.installDismissed = true
  }

  function dismiss() {
    prefs.installDismissed = true
  }

  return { canInstall, install, dismiss }
}
