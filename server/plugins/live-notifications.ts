// Closes the live-notifications Redis subscriber when the web process shuts down.
export default defineNitroPlugin((nitroApp) => {
  nitroApp.hooks.hook('close', () => closeLiveNotifications())
})
