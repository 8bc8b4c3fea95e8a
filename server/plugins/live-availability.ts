// Connects at boot: the live-availability subscriber, so no announcement is missed while a first
// viewer's subscription is still being set up, and the publisher, whose lazily created connection
// queues no commands offline and would drop the first announcement after a start. Closes on shutdown.
export default defineNitroPlugin((nitroApp) => {
  startLiveAvailability()
  useRedis()
  nitroApp.hooks.hook('close', () => closeLiveAvailability())
})
