// Boot and shutdown of this process's pub/sub listeners (server/utils/pubsub.ts). They start at boot,
// so no announcement is missed while a first viewer's stream is still being set up; the command
// connection connects at boot too, because it queues nothing offline and would drop the first
// announcement after a start.
export default defineNitroPlugin((nitroApp) => {
  startLiveAvailability()
  startReadCacheInvalidation()
  void startDisabledUsers()
  useRedis()
  nitroApp.hooks.hook('close', async () => {
    closeLiveAvailability()
    stopReadCacheInvalidation()
    closeLiveNotifications()
    stopDisabledUsers()
    await closePubSub()
  })
})
