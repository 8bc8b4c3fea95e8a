// The public-read cache: JSON bodies of public reads (catalogue, event detail, seat maps) kept in
// this process's memory and shared with the other instances through Redis, each tagged with the
// scopes whose change makes it wrong (an event id, the catalogue).
//
// Why not Nitro's cached handlers: they keep every entry in the `cache` storage mount only (with a
// Redis driver, one Redis round trip and a JSON parse of the whole body per request), serve stale
// while revalidating even after a known change, and can only be invalidated by key. Here:
// - a hit is a Map lookup and the body is served as the string it was stored as;
// - a change signal (AfterCommit → Redis pub/sub, heard by every instance) makes every entry of its
//   scope unusable at once: the next request waits for one shared reload, never the stale body;
// - without a signal an entry lives `ttlMs` (the staleness bound for what changes without one, e.g.
//   a hold lapsing), then is served once more while a single reload runs in the background;
// - Redis (L2) entries are taken only when loaded after the scope's last change as this process
//   heard it, so a value loaded before a change is never shared after it.
// Nothing here decides a sale: holds are always claimed in PostgreSQL.
import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'

export interface CachedRead {
  /** The JSON body, serialized once. */
  body: string
  /** Strong ETag of the body, quoted. */
  etag: string
  /** Epoch ms when the load that produced the body started (before it read anything). */
  loadedAt: number
  /** The body gzipped once, for clients that accept it (bodies over 1 KB; kept in memory only). */
  gzipped?: Buffer
}

/** Compressing once per load instead of per answer: a 10,000-seat geometry is 0.9 MB raw, 0.27 MB gzipped. */
function withGzip(value: CachedRead): CachedRead {
  return value.body.length > 1024 ? { ...value, gzipped: gzipSync(value.body, { level: 6 }) } : value
}

/** The shared tier: Redis in the web process, nothing in unit tests. */
export interface SharedStore {
  get(key: string): Promise<string | null>
  set(key: string, value: string, ttlMs: number): Promise<void>
}

export interface ReadSpec {
  key: string
  /** Scopes whose change invalidates this entry, e.g. [`event:<id>`] or ['catalogue']. */
  scopes: readonly string[]
  /** Staleness bound when no change signal arrives. */
  ttlMs: number
  /** `load` returns the body itself (a rendered page), not a value to serialize as JSON. */
  raw?: boolean
  load: () => Promise<unknown>
}

interface Entry {
  value?: CachedRead
  scopes: readonly string[]
  ttlMs: number
  loading?: { startedAt: number, promise: Promise<CachedRead> }
}

export interface ReadCacheOptions {
  shared?: SharedStore
  now?: () => number
  /** Most entries kept in memory; the oldest inserted go first. */
  maxEntries?: number
  onSharedError?: (err: unknown) => void
}

export function etagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`
}

export class ReadCache {
  private readonly entries = new Map<string, Entry>()
  /** Scope → epoch ms of the last change heard. */
  private readonly changedAt = new Map<string, number>()
  private readonly now: () => number
  private readonly maxEntries: number

  constructor(private readonly options: ReadCacheOptions = {}) {
    this.now = options.now ?? Date.now
    this.maxEntries = options.maxEntries ?? 5_000
  }

  /** A scope changed (heard from the after-commit port or pub/sub): its entries are unusable from now on. */
  invalidate(scope: string): void {
    const at = this.now()
    this.changedAt.set(scope, at)
    if (this.changedAt.size > 20_000) this.pruneChanges(at)
  }

  async get(spec: ReadSpec): Promise<CachedRead> {
    const entry = this.entryFor(spec)
    const value = entry.value
    const lastChange = this.lastChange(spec.scopes)
    if (value && value.loadedAt > lastChange) {
      if (this.now() - value.loadedAt < spec.ttlMs) return value
      // Past its bound with no change heard: serve it once more while one reload runs.
      void this.reload(spec, entry, lastChange).catch(() => {})
      return value
    }
    return this.reload(spec, entry, lastChange)
  }

  /** Entries in memory (for tests and metrics). */
  get size(): number {
    return this.entries.size
  }

  private entryFor(spec: ReadSpec): Entry {
    let entry = this.entries.get(spec.key)
    if (!entry) {
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!)
      entry = { scopes: spec.scopes, ttlMs: spec.ttlMs }
      this.entries.set(spec.key, entry)
    }
    return entry
  }

  private lastChange(scopes: readonly string[]): number {
    let last = -1
    for (const scope of scopes) last = Math.max(last, this.changedAt.get(scope) ?? -1)
    return last
  }

  /** Joins a load that started after the last change, or starts one. */
  private reload(spec: ReadSpec, entry: Entry, lastChange: number): Promise<CachedRead> {
    if (entry.loading && entry.loading.startedAt > lastChange) return entry.loading.promise
    const startedAt = this.now()
    const promise = this.fill(spec, startedAt, lastChange).then((value) => {
      if (!entry.value || value.loadedAt >= entry.value.loadedAt) entry.value = value
      return value
    }).finally(() => {
      if (entry.loading?.promise === promise) entry.loading = undefined
    })
    entry.loading = { startedAt, promise }
    return promise
  }

  private async fill(spec: ReadSpec, startedAt: number, lastChange: number): Promise<CachedRead> {
    const shared = this.options.shared
    if (shared) {
      const stored = await shared.get(spec.key).catch((err) => { this.options.onSharedError?.(err); return null })
      if (stored) {
        const value = JSON.parse(stored) as CachedRead
        if (value.loadedAt > lastChange && startedAt - value.loadedAt < spec.ttlMs) return withGzip(value)
      }
    }
    const loaded = await spec.load()
    const body = spec.raw ? String(loaded) : JSON.stringify(loaded)
    const value: CachedRead = { body, etag: etagOf(body), loadedAt: startedAt }
    if (shared) {
      const left = spec.ttlMs - (this.now() - startedAt)
      // Not if a change was heard while loading: another instance must not take it.
      if (left > 0 && this.lastChange(spec.scopes) < startedAt) {
        void shared.set(spec.key, JSON.stringify(value), left).catch(err => this.options.onSharedError?.(err))
      }
    }
    return withGzip(value)
  }

  private pruneChanges(now: number): void {
    // A change older than every entry's bound no longer makes anything stale that the bound would not.
    // Entries loaded before then are dropped with it, so none is mistaken for one no change touched.
    const longest = Math.max(0, ...[...this.entries.values()].map(e => e.ttlMs))
    for (const [scope, at] of this.changedAt) if (now - at > longest) this.changedAt.delete(scope)
    for (const entry of this.entries.values()) if (entry.value && now - entry.value.loadedAt > longest) entry.value = undefined
  }
}
