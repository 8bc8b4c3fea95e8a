// Boot: learn which accounts were disabled recently and listen for more (server/utils/disabled-users.ts).
export default defineNitroPlugin((nitroApp) => {
  void startDisabledUsers()
  nitroApp.hooks.hook('close', () => stopDisabledUsers())
})
