import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Db } from '../../server/db/client.ts'
import { TOPICS, channelOf } from '../../server/messaging/pubsub.ts'

const build = vi.hoisted(() => ({ calls: 0, release: [] as (() => void)[] }))

vi.mock('../../server/domain/search/snapshot-store.ts', () => ({
  buildSearchSnapshot: () => {
    const version = BigInt(++build.calls)
    return new Promise(resolve => build.release.push(() => resolve({ version, etag: `e${version}`, eventCount: 1, createdAt: new Date() })))
  },
}))

const { refreshSearchIndex } = await import('../../server/domain/search/refresh.ts')

const tick = () => new Promise(resolve => setTimeout(resolve, 5))
async function finishBuild(n: number) {
  while (build.release.length < n) await tick()
  build.release[n - 1]!()
}

describe('refreshSearchIndex', () => {
  let db: Db
  let published: string[]
  const redis = { publish: async (channel: string, message: string) => { published.push(`${channel} ${message}`); return 1 } }

  beforeEach(() => {
    db = {} as Db
    published = []
    build.calls = 0
    build.release = []
  })

  it('folds a burst of calls into one build, then announces it', async () => {
    const results = Array.from({ length: 5 }, () => refreshSearchIndex(db, redis, { debounceMs: 1 }))
    await finishBuild(1)
    const done = await Promise.all(results)
    expect(build.calls).toBe(1)
    expect(done.map(r => r.version)).toEqual(Array(5).fill(1n))
    expect(done[0]!.announced).toBe(true)
    expect(published).toEqual([`${channelOf(TOPICS.searchSnapshot)} {"version":1}`])
  })

  it('runs exactly one more build for everything asked while a build was running', async () => {
    const first = refreshSearchIndex(db, redis, { debounceMs: 1 })
    while (build.calls < 1) await tick()
    const later = [refreshSearchIndex(db, redis, { debounceMs: 1 }), refreshSearchIndex(db, redis, { debounceMs: 1 })]
    await tick()
    expect(build.calls).toBe(1) // the second build waits for the first
    await finishBuild(1)
    await finishBuild(2)
    expect((await first).version).toBe(1n)
    expect((await Promise.all(later)).map(r => r.version)).toEqual([2n, 2n])
    expect(build.calls).toBe(2)
  })

  it('still stores the snapshot when Redis cannot announce it', async () => {
    const down = { publish: () => Promise.reject(new Error('ECONNREFUSED')) }
    const result = refreshSearchIndex(db, down, { debounceMs: 1 })
    await finishBuild(1)
    expect(await result).toMatchObject({ version: 1n, announced: false })
  })
})
