/** Choices about the app itself, remembered on this device. */
export const useUiPrefsStore = defineStore('uiPrefs', () => {
  /** The user said "Not now" to installing the app. */
  const installDismissed = ref(false)
  return { installDismissed }
}, {
  persist: { pick: ['installDismissed'] },
})
