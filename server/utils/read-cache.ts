// This web process's public-read cache (server/cache/read-cache.ts) on its Redis, kept correct by
// the change signals every instance hears: places changed (holds, bookings, releases), an event's
// public face changed (publish, edit, cancel, disable) and waiting-room changes. The process that
// made a change drops its entries at once through the after-commit port (server/utils/after-commit.ts).
import type { H3Event } from 'h3'
import { getRequestHeader, setResponseHeader, setResponseHeaders, setResponseStatus } from 'h3'
import { ReadCache, type CachedRead, type ReadSpec } from '../cache/read-cache.ts'
import { CATALOGUE_PAGES, eventPageScope } from '../cache/page-key.ts'
import { config } from '../config/env.ts'
import { DomainError } from '../domain/errors.ts'
import { eventTeam, type EventCaller } from '../domain/events/access.ts'
import { optionalUser } from './current-user.ts'
import { useDb } from './db.ts'
import { TOPICS } from '../messaging/pubsub.ts'
import { useLogger } from '../observability/logger.ts'
import { usePubSub } from './pubsub.ts'
import { useRedis } from './redis.ts'

/** Scope of everything shown about one event (detail, seat maps, availability). */
export const eventScope = (eventId: string) => `event:${eventId}`
/** Scope of the catalogue pages: any event's change may move it. */
export const CATALOGUE = 'catalogue'

let cache: ReadCache | undefined
let stopListening: (() => void)[] = []

function keyPrefix(): string {
  // Deployments and test runs sharing a Redis each have their own database, hence their own entries.
  // The direct URL names the database wherever a process connects through (pooler or not).
  const { host, pathname } = new URL(config().databaseDirectUrl)
  return `bookify:read:${host}${pathname}:`
}

export function useReadCache(): ReadCache {
  if (cache) return cache
  const prefix = keyPrefix()
  const redis = useRedis()
  let warned = 0
  cache = new ReadCache({
    shared: {
      get: key => redis.get(prefix + key),
      set: async (key, value, ttlMs) => { await redis.set(prefix + key, value, 'PX', Math.max(1, Math.round(ttlMs))) },
    },
    // Redis down costs only sharing; say so once a minute, not per request.
    onSharedError: (err) => {
      if (Date.now() - warned < 60_000) return
      warned = Date.now()
      useLogger().warn({ err: (err as Error)?.message }, 'read cache: Redis unavailable, serving from memory and PostgreSQL')
    },
  })
  return cache
}

/** Drops what this process cached of an event and the catalogue. */
export function forgetEventReads(eventId: string): void {
  const reads = useReadCache()
  reads.invalidate(eventScope(eventId))
  reads.invalidate(CATALOGUE)
}

/** Drops this process's rendered pages of an event and the catalogue pages. */
export function forgetEventPages(eventId: string): void {
  const reads = useReadCache()
  reads.invalidate(eventPageScope(eventId))
  reads.invalidate(CATALOGUE_PAGES)
}

/** A change of an event's public face: its reads and its pages. */
function forgetEventFace(eventId: string): void {
  forgetEventReads(eventId)
  forgetEventPages(eventId)
}

/** Listens from boot (the pub/sub plugin) for changes made by other instances and the workers. */
export function startReadCacheInvalidation(): void {
  if (stopListening.length) return
  const bus = usePubSub()
  stopListening = [
    bus.on(TOPICS.availability, m => forgetEventReads(m.eventId)),
    bus.on(TOPICS.eventChanged, m => forgetEventFace(m.eventId)),
    bus.on(TOPICS.queueRoom, m => forgetEventFace(m.eventId)),
  ]
}

export function stopReadCacheInvalidation(): void {
  stopListening.splice(0).forEach(stop => stop())
  cache = undefined
}

export interface PublicReadPolicy {
  /** Seconds a shared cache (CDN) may serve it; browsers always revalidate. */
  sMaxAge: number
  /** Seconds a CDN may serve it stale while it fetches the new one. */
  staleWhileRevalidate: number
  /** Immutable: versioned URLs whose body never changes. */
  immutable?: boolean
}

/** What a cached body is, and which request headers may change it. */
export interface BodyKind {
  contentType: string
  vary: string
}

const JSON_BODY: BodyKind = { contentType: 'application/json; charset=utf-8', vary: 'Accept-Encoding' }

/**
 * Sends a cached JSON read with its ETag (304 when the client has it). Anonymous requests get a
 * public Cache-Control a CDN may keep; a signed-in caller's answer is `private, no-cache` so no shared
 * cache ever keeps what was answered to someone signed in. The bodies themselves never hold
 * anything personal: they are built without the caller.
 */
export function sendCachedRead(event: H3Event, read: CachedRead, policy: PublicReadPolicy, signedIn: boolean, kind: BodyKind = JSON_BODY): string | Buffer | null {
  const cacheControl = signedIn
    ? 'private, no-cache'
    : policy.immutable
      ? 'public, max-age=31536000, immutable'
      : `public, max-age=0, s-maxage=${policy.sMaxAge}, stale-while-revalidate=${policy.staleWhileRevalidate}`
  // The gzipped answer is another representation of the same body, so it has its own tag.
  const gzip = read.gzipped && /\bgzip\b/.test(getRequestHeader(event, 'accept-encoding') ?? '')
  const etag = gzip ? `${read.etag.slice(0, -1)}-gz"` : read.etag
  setResponseHeaders(event, { 'ETag': etag, 'Cache-Control': cacheControl, 'Content-Type': kind.contentType, 'Vary': kind.vary })
  const presented = getRequestHeader(event, 'if-none-match')
  if (presented && presented.split(/\s*,\s*/).some(tag => tag === etag || tag === `W/${etag}` || tag === '*')) {
    setResponseStatus(event, 304)
    return null
  }
  if (gzip) {
    setResponseHeader(event, 'Content-Encoding', 'gzip')
    return read.gzipped!
  }
  return read.body
}

/** Reads through this process's cache. */
export function cachedRead(spec: ReadSpec): Promise<CachedRead> {
  return useReadCache().get(spec)
}

/** Reads that show availability: a CDN may keep them a second, and serve them 5 s stale while it refetches. */
export const LIVE_READ: PublicReadPolicy = { sMaxAge: 1, staleWhileRevalidate: 5 }

interface PublicRead {
  spec: ReadSpec
  policy: PublicReadPolicy | ((read: CachedRead) => PublicReadPolicy)
  /** The uncached read for a signed-in caller who may see more than the public. */
  backstage: (caller: EventCaller) => Promise<unknown>
  /** The event the read shows: its team (organiser, staff) and admins always read it fresh. */
  eventId?: string
}

/**
 * A public read through the cache, for anyone. The body is built for the public (no caller), so it
 * is the same whoever asks. A signed-in caller who may see more than the public gets `backstage`,
 * uncached and `private, no-store`: a draft's team when the public read finds nothing, and the
 * event's team and admins always (they see hidden ticket types, and their own changes at once).
 */
export async function servePublicRead(event: H3Event, { spec, policy, backstage, eventId }: PublicRead): Promise<unknown> {
  const caller = await optionalUser(event)
  const fresh = () => {
    setResponseHeader(event, 'Cache-Control', 'private, no-store')
    return backstage(caller!)
  }
  if (caller && eventId && (caller.role === 'ADMIN' || await isOnTeam(eventId, caller.userId))) return fresh()
  let read: CachedRead
  try {
    read = await cachedRead(spec)
  } catch (err) {
    if (!caller || !(err instanceof DomainError && err.code === 'NOT_FOUND')) throw err
    return fresh()
  }
  return sendCachedRead(event, read, typeof policy === 'function' ? policy(read) : policy, Boolean(caller))
}

async function isOnTeam(eventId: string, userId: string): Promise<boolean> {
  // Staff changes are announced (eventChanged); the short bound covers staff rows written otherwise.
  const team = await cachedRead({ key: `team:${eventId}`, scopes: [eventScope(eventId)], ttlMs: config().readCacheMs, load: () => eventTeam(useDb(), eventId) })
  return team.body.includes(JSON.stringify(userId))
}

/** The version of a cached body: its ETag without the quotes (a content hash). */
export function versionOf(read: CachedRead): string {
  return read.etag.slice(1, -1)
}
