// The public-read cache may serve a body only while no change of its scope has been heard since the
// body was loaded, and at most once past its bound; concurrent readers share one load, and a value
// shared through Redis is taken only when it was loaded after the last change this process heard.
import { describe, expect, it } from 'vitest'
import { gunzipSync } from 'node:zlib'
import { ReadCache, etagOf, type SharedStore } from '../../server/cache/read-cache.ts'

function setup(shared?: SharedStore) {
  const clock = { now: 1_000_000 }
  const cache = new ReadCache({ now: () => clock.now, shared })
  let version = 0
  let loads = 0
  const spec = (ttlMs = 1_000) => ({ key: 'event:1', scopes: ['event:1'], ttlMs, load: async () => { loads++; return { version } } })
  const read = async (ttlMs?: number) => JSON.parse((await cache.get(spec(ttlMs))).body).version as number
  return { cache, clock, read, change: () => { version++ }, loads: () => loads }
}

function memoryStore(): SharedStore & { data: Map<string, string> } {
  const data = new Map<string, string>()
  return { data, get: async key => data.get(key) ?? null, set: async (key, value) => { data.set(key, value) } }
}

describe('ReadCache', () => {
  it('serves the cached body until its scope changes, then never the old one', async () => {
    const { cache, read, change, loads } = setup()
    expect(await read()).toBe(0)
    change()
    expect(await read()).toBe(0) // nothing announced yet: the cached body stands
    expect(loads()).toBe(1)
    cache.invalidate('event:1')
    expect(await read()).toBe(1)
    expect(loads()).toBe(2)
  })

  it('past its bound without a change serves the body once more while one reload runs, then the new one', async () => {
    const { clock, read, change, loads } = setup()
    await read()
    change()
    clock.now += 1_000
    expect(await read()).toBe(0)
    await new Promise(resolve => setImmediate(resolve))
    expect(await read()).toBe(1)
    expect(loads()).toBe(2)
  })

  it('lets concurrent readers share one load, and a change during a load makes later readers wait for a new one', async () => {
    const clock = { now: 0 }
    const cache = new ReadCache({ now: () => clock.now })
    let release!: () => void
    let loads = 0
    const spec = { key: 'k', scopes: ['s'], ttlMs: 1_000, load: async () => { const n = ++loads; if (n === 1) await new Promise<void>(r => (release = r)); return n } }
    const first = [cache.get(spec), cache.get(spec), cache.get(spec)]
    await new Promise(resolve => setImmediate(resolve))
    clock.now += 1
    cache.invalidate('s')
    clock.now += 1
    const after = cache.get(spec)
    release()
    const bodies = await Promise.all([...first, after])
    expect(bodies.map(b => b.body)).toEqual(['1', '1', '1', '2'])
    expect(loads).toBe(2)
  })

  it('does not keep errors: the next read loads again', async () => {
    const cache = new ReadCache()
    let calls = 0
    const spec = { key: 'k', scopes: ['s'], ttlMs: 1_000, load: async () => { if (++calls === 1) throw new Error('down'); return 'ok' } }
    await expect(cache.get(spec)).rejects.toThrow('down')
    expect((await cache.get(spec)).body).toBe('"ok"')
  })

  it('shares bodies through the store, but never one loaded before a change it heard', async () => {
    const store = memoryStore()
    const a = setup(store)
    const b = setup(store)
    b.clock.now = a.clock.now
    await a.read()
    await new Promise(resolve => setImmediate(resolve))
    expect(await b.read()).toBe(0)
    expect(b.loads()).toBe(0) // taken from the store
    a.clock.now += 5
    b.clock.now += 5
    b.cache.invalidate('event:1')
    b.clock.now += 1
    expect(await b.read()).toBe(0) // b's own version counter: it loaded from its source, not the store
    expect(b.loads()).toBe(1)
  })

  it('answers an ETag that is the body\'s hash', async () => {
    const cache = new ReadCache()
    const read = await cache.get({ key: 'k', scopes: [], ttlMs: 1_000, load: async () => ({ a: 1 }) })
    expect(read.etag).toBe(etagOf('{"a":1}'))
    expect(read.etag).toMatch(/^"[\w-]{27}"$/)
  })

  it('gzips a large body once, to the same bytes, and leaves small ones alone', async () => {
    const cache = new ReadCache()
    const big = await cache.get({ key: 'big', scopes: [], ttlMs: 1_000, load: async () => ({ seats: 'A'.repeat(5_000) }) })
    expect(gunzipSync(big.gzipped!).toString()).toBe(big.body)
    expect(big.gzipped!.length).toBeLessThan(big.body.length / 10)
    expect((await cache.get({ key: 'small', scopes: [], ttlMs: 1_000, load: async () => ({ a: 1 }) })).gzipped).toBeUndefined()
  })

  it('keeps a raw body (a rendered page) as it is, not as JSON', async () => {
    const cache = new ReadCache({ now: () => 1_000 })
    const page = await cache.get({ key: 'page:/', scopes: ['page:catalogue'], ttlMs: 1_000, raw: true, load: async () => '<!DOCTYPE html><p>"hi"</p>' })
    expect(page.body).toBe('<!DOCTYPE html><p>"hi"</p>')
    expect(page.etag).toBe(etagOf(page.body))
  })
})
