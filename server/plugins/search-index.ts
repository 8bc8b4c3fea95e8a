// Boot and freshness of the web process's search index: load (or build) the newest snapshot, then
// follow the Redis announcements of new ones. A Redis outage only delays updates: requests still
// re-check PostgreSQL every few seconds (see server/domain/search/current-search.ts).
import { Redis } from 'ioredis'
import { config } from '../config/env.ts'
import { SEARCH_SNAPSHOT_CHANNEL } from '../messaging/names.ts'
import { announcedVersion } from '../domain/search/announce.ts'
import { loadedSearchVersion, reloadSearchIfNewer, setSearchBoot } from '../domain/search/current-search.ts'
import { logSearchProblem } from '../domain/search/log.ts'
import { prepareSearchIndex } from '../domain/search/prepare.ts'

export default defineNitroPlugin((nitroApp) => {
  const db = useDb()
  const reload = () => reloadSearchIfNewer(db).catch(error => logSearchProblem('reload failed', error))

  let redisDown = false
  const subscriber = new Redis(config().redisUrl, { maxRetriesPerRequest: null })
  subscriber.on('error', (error) => {
    if (!redisDown) logSearchProblem('Redis unavailable; relying on periodic checks', error)
    redisDown = true
  })
  // (Re)connected: announcements may have been missed meanwhile.
  subscriber.on('ready', () => {
    redisDown = false
    void reload()
  })
  subscriber.on('message', (channel: string, message: string) => {
    const version = announcedVersion(message)
    if (channel !== SEARCH_SNAPSHOT_CHANNEL || version === undefined) return
    const loaded = loadedSearchVersion()
    if (loaded === undefined || version > loaded) void reload()
  })
  subscriber.subscribe(SEARCH_SNAPSHOT_CHANNEL).catch(error => logSearchProblem('subscribe failed', error))

  const publisher = new Redis(config().redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 })
  publisher.on('error', () => {}) // a failed announcement is reported by refreshSearchIndex
  const boot = (async () => {
    try {
      await publisher.connect().catch(() => {})
      await prepareSearchIndex(db, publisher)
    } catch (error) {
      logSearchProblem('boot load failed; retrying on the next search', error)
    } finally {
      publisher.disconnect()
    }
  })()
  setSearchBoot(boot)

  nitroApp.hooks.hook('close', () => {
    subscriber.disconnect()
    publisher.disconnect()
  })
})
