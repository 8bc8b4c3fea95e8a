// sessionStorage and localStorage, or a memory stand-in where the browser refuses them. Inside the
// booking widget's third-party frame, a browser that blocks third-party cookies (Chromium's default in
// private windows and automated browsers) also blocks site storage: touching `window.sessionStorage`
// throws a SecurityError. There the frame keeps those small values for its own lifetime instead.
type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

function memoryStore(): KeyValueStore {
  const values = new Map<string, string>()
  return {
    getItem: key => values.get(key) ?? null,
    setItem: (key, value) => { values.set(key, String(value)) },
    removeItem: (key) => { values.delete(key) },
  }
}

const chosen: Partial<Record<'session' | 'local', KeyValueStore>> = {}

function pick(kind: 'session' | 'local'): KeyValueStore {
  return chosen[kind] ??= (() => {
    try {
      const store = kind === 'session' ? window.sessionStorage : window.localStorage
      store.getItem('bookify:probe')
      return store
    } catch {
      return memoryStore()
    }
  })()
}

/** This tab's storage (sessionStorage where allowed). */
export const tabStorage = (): KeyValueStore => pick('session')

/** This device's storage (localStorage where allowed). */
export const deviceStorage = (): KeyValueStore => pick('local')
