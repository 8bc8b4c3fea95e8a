/** Signs out and leaves for the home page; `signingOut` drives the buttons' busy state. */
// (The sign-out button is in the header of every page: what it clears is loaded only when used.)
const forgetDevice = () => import('~/utils/forget-device').then(m => m.forgetDevice())

export function useSignOut() {
  const session = useSessionStore()
  const drafts = useBookingDraftStore()
  const signingOut = ref(false)

  async function signOut() {
    signingOut.value = true
    try {
      await session.logout()
    } catch {
      // The local session is cleared either way; a failed call only leaves a token that expires on its own.
    } finally {
      // The next person on this device sees none of this user's bookings, tickets, drafts or visited pages.
      drafts.clearAll()
      await forgetDevice()
      signingOut.value = false
    }
    await navigateTo('/')
  }

  return { signOut, signingOut }
}
