// Who is signed in is settled before the first render, on the server with the visitor's cookies,
// so the header is right on first paint. The browser only asks when SSR could not.
export default defineNuxtPlugin({
  name: 'session',
  dependsOn: ['pinia', 'pinia-plugin-persistedstate'],
  async setup() {
    const session = useSessionStore()
    if (import.meta.server || !session.checked) await session.fetchMe()
  },
})
