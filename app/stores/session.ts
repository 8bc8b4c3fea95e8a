import type { LoginBody, RegisterBody, UpdateMeBody } from '#shared/schemas/auth'
import type { AuthResponse, UserDto } from '#shared/types/user'

// Handed from beforeHydrate to afterHydrate, which run back to back within one store creation.
let serverAnswer: UserDto | null | undefined

export const useSessionStore = defineStore('session', () => {
  const api = useApi()
  const user = ref<UserDto | null>(null)
  /** True once the server said who is signed in during this visit (SSR or browser). */
  const checked = ref(false)

  function signedIn(next: UserDto | null) {
    user.value = next
    checked.value = true
  }

  /** Never throws: signed out on a 401, and on other failures (offline) the last known user stays. */
  async function fetchMe(): Promise<void> {
    try {
      signedIn(await api<UserDto>('/api/me'))
    } catch (error) {
      if (statusOf(error) === 401) signedIn(null)
    }
  }

  async function register(body: RegisterBody): Promise<void> {
    signedIn((await api<AuthResponse>('/api/auth/register', { method: 'POST', body })).user)
  }

  async function login(body: LoginBody): Promise<void> {
    signedIn((await api<AuthResponse>('/api/auth/login', { method: 'POST', body })).user)
  }

  async function logout(): Promise<void> {
    try {
      await api('/api/auth/logout', { method: 'POST' })
    } finally {
      signedIn(null)
    }
  }

  /** Optimistic: the change shows at once; if the server refuses it, the previous profile comes back and the error is thrown. */
  async function updateProfile(patch: UpdateMeBody): Promise<void> {
    const before = user.value
    if (before) user.value = { ...before, ...patch, notificationPrefs: { ...before.notificationPrefs, ...patch.notificationPrefs } }
    try {
      signedIn(await api<UserDto>('/api/me', { method: 'PATCH', body: patch }))
    } catch (error) {
      user.value = before
      if (statusOf(error) === 401) signedIn(null)
      throw error
    }
  }

  return { user, checked, fetchMe, register, login, logout, updateProfile }
}, {
  persist: {
    // The profile only (UserDto holds no secret; tokens live in httpOnly cookies), so the
    // installed app can greet the user offline. `checked` is per visit and never stored.
    pick: ['user'],
    // The stored copy is a fallback for when the server could not be asked. When SSR already
    // checked the session, its answer beats a stale copy (which would also break hydration).
    beforeHydrate: ({ store }) => {
      serverAnswer = store.checked ? store.user : undefined
    },
    afterHydrate: ({ store }) => {
      if (serverAnswer === undefined) return
      store.user = serverAnswer
      store.$persist()
    },
  },
})
