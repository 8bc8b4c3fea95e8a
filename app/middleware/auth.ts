export default defineNuxtRouteMiddleware((to) => {
  if (!useSessionStore().user) return navigateTo({ path: '/signin', query: { next: to.fullPath } })
})
