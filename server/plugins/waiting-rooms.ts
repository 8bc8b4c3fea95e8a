// Boot and shutdown of the waiting rooms: the room directory (settings in memory, kept over pub/sub)
// and the admitter loop, which only the instance holding the lease runs (server/utils/queue-runtime.ts).
export default defineNitroPlugin((nitroApp) => {
  startQueueRuntime()
  nitroApp.hooks.hook('close', () => {
    stopQueueRuntime()
    closeQueueLive()
    stopWaitingRooms()
  })
})
