// Search index snapshots in PostgreSQL: built from the catalogue under one lock (so versions follow
// the order the catalogue was read in), gzip-compressed, identified by the sha-256 of their bytes.
import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import { gunzip as gunzipCallback, gzip as gzipCallback } from 'node:zlib'
import type { Db } from '../../db/client.ts'
import type { SearchIndexPayload } from '../../../shared/types/search.ts'
import { buildSearchPayload, type SearchSource } from './build-payload.ts'

const gzip = promisify(gzipCallback)
const gunzip = promisify(gunzipCallback)

/** Older snapshots are deleted; a few stay for instances still loading one. */
const SNAPSHOTS_KEPT = 3

export interface SnapshotInfo {
  version: bigint
  etag: string
  eventCount: number
  createdAt: Date
}

interface StoredSnapshot extends SnapshotInfo {
  gzip: Uint8Array
}

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0]

/** The public catalogue, as list-events shows it: published, not ended, not disabled. */
async function searchSources(tx: Tx, now: Date): Promise<SearchSource[]> {
  const events = await tx.event.findMany({
    where: { status: 'PUBLISHED', disabledAt: null, endsAt: { gt: now } },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    select: {
      id: true, title: true, description: true, category: true, venueName: true, city: true,
      startsAt: true, endsAt: true, timezone: true,
      organiser: { select: { name: true } },
      sections: { select: { priceCents: true, currency: true }, orderBy: { priceCents: 'asc' }, take: 1 },
    },
  })
  return events.map(({ organiser, sections, ...e }) => ({
    ...e,
    organiserName: organiser.name,
    priceFrom: sections[0] ? { amountCents: sections[0].priceCents, currency: sections[0].currency } : null,
  }))
}

/** Builds the index of the current catalogue and stores it as the newest snapshot. */
export async function buildSearchSnapshot(db: Db): Promise<SnapshotInfo> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('bookify.search-index'))`
    // Taken before reading: a change committed after this instant may be missing, so it must look newer.
    const readAt = new Date()
    const sources = await searchSources(tx, readAt)
    const bytes = new Uint8Array(await gzip(JSON.stringify(buildSearchPayload(sources, readAt))))
    const etag = createHash('sha256').update(bytes).digest('base64url')
    const row = await tx.searchIndexSnapshot.create({
      data: { eventCount: sources.length, etag, index: bytes, createdAt: readAt },
      select: { version: true, etag: true, eventCount: true, createdAt: true },
    })
    const kept = await tx.searchIndexSnapshot.findMany({ orderBy: { version: 'desc' }, skip: SNAPSHOTS_KEPT - 1, take: 1, select: { version: true } })
    if (kept[0]) await tx.searchIndexSnapshot.deleteMany({ where: { version: { lt: kept[0].version } } })
    return row
  }, { maxWait: 30_000, timeout: 120_000 })
}

export async function newestSnapshotInfo(db: Db): Promise<SnapshotInfo | null> {
  return db.searchIndexSnapshot.findFirst({
    orderBy: { version: 'desc' },
    select: { version: true, etag: true, eventCount: true, createdAt: true },
  })
}

export async function loadSnapshot(db: Db, version: bigint): Promise<StoredSnapshot | null> {
  const row = await db.searchIndexSnapshot.findUnique({
    where: { version },
    select: { version: true, etag: true, eventCount: true, createdAt: true, index: true },
  })
  if (!row) return null
  const { index, ...info } = row
  return { ...info, gzip: index }
}

export async function decodeSnapshot(bytes: Uint8Array): Promise<SearchIndexPayload> {
  return JSON.parse((await gunzip(bytes)).toString('utf8')) as SearchIndexPayload
}

/** When any event last changed; a snapshot older than this may be missing the change. */
export async function newestEventChange(db: Db): Promise<Date | null> {
  const { _max } = await db.event.aggregate({ _max: { updatedAt: true } })
  return _max.updatedAt
}
