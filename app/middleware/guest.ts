export default defineNuxtRouteMiddleware(() => {
  if (useSessionStore().user) return navigateTo('/')
})
