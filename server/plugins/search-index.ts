// Boot and freshness of the web process's search index: load (or build) the newest snapshot, then
// follow the announcements of new ones on the pub/sub bus. A Redis outage only delays updates: requests still
// re-check PostgreSQL every few seconds (see server/domain/search/current-search.ts).
import { Redis } from 'ioredis'
import { config } from '../config/env.ts'
import { TOPICS } from '../messaging/pubsub.ts'
import { loadedSearchVersion, reloadSearchIfNewer, setSearchBoot } from '../domain/search/current-search.ts'
import { logSearchProblem } from '../domain/search/log.ts'
import { prepareSearchIndex } from '../domain/search/prepare.ts'

export default defineNitroPlugin((nitroApp) => {
  const db = useDb()
  const reload = () => reloadSearchIfNewer(db).catch(error => logSearchProblem('reload failed', error))

  const bus = usePubSub()
  // (Re)connected: announcements may have been missed meanwhile.
  bus.onReconnect(() => void reload())
  bus.on(TOPICS.searchSnapshot, ({ version }) => {
    const loaded = loadedSearchVersion()
    if (loaded === undefined || BigInt(version) > loaded) void reload()
  })

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

  nitroApp.hooks.hook('close', () => publisher.disconnect())
})
