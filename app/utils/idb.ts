// The app's one IndexedDB module: every read and write of browser storage goes through these typed
// functions. Schema changes bump DB_VERSION and add a step to `upgrade`, never edit an old step.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import type { SearchIndexPayload } from '#shared/types/search'

const DB_NAME = 'bookify'
const DB_VERSION = 1

/** A record the offline app keeps a copy of; `data` is the API's DTO, typed by its feature. */
interface SavedCopy<T = unknown> {
  savedAt: string
  data: T
}

export interface StoredSearchIndex {
  etag: string
  savedAt: string
  payload: SearchIndexPayload
}

/** A change made offline, replayed against the API when the connection is back. */
export interface PendingAction {
  id?: number
  kind: string
  payload: unknown
  /** Sent as Idempotency-Key, so a replay never acts twice. */
  idempotencyKey: string
  createdAt: string
}

interface BookifyDB extends DBSchema {
  /** Events the user has seen, by event id. */
  events: { key: string, value: SavedCopy & { id: string } }
  /** Seat maps last seen, by event id. */
  seatMaps: { key: string, value: SavedCopy & { eventId: string } }
  bookings: { key: string, value: SavedCopy & { id: string, eventId: string }, indexes: { byEvent: string } }
  tickets: { key: string, value: SavedCopy & { id: string, bookingId: string }, indexes: { byBooking: string } }
  /** The offline search index; one entry, under SEARCH_INDEX_KEY. */
  searchIndex: { key: string, value: StoredSearchIndex }
  outbox: { key: number, value: PendingAction, indexes: { byCreatedAt: string } }
}

const SEARCH_INDEX_KEY = 'current'

function upgrade(db: IDBPDatabase<BookifyDB>, oldVersion: number): void {
  if (oldVersion < 1) {
    db.createObjectStore('events', { keyPath: 'id' })
    db.createObjectStore('seatMaps', { keyPath: 'eventId' })
    db.createObjectStore('bookings', { keyPath: 'id' }).createIndex('byEvent', 'eventId')
    db.createObjectStore('tickets', { keyPath: 'id' }).createIndex('byBooking', 'bookingId')
    db.createObjectStore('searchIndex')
    db.createObjectStore('outbox', { keyPath: 'id', autoIncrement: true }).createIndex('byCreatedAt', 'createdAt')
  }
}

let opened: Promise<IDBPDatabase<BookifyDB>> | undefined

function database(): Promise<IDBPDatabase<BookifyDB>> {
  if (typeof indexedDB === 'undefined') return Promise.reject(new Error('IndexedDB is not available here'))
  opened ??= openDB<BookifyDB>(DB_NAME, DB_VERSION, {
    upgrade: (db, oldVersion) => upgrade(db, oldVersion),
    // Another tab opened a newer version: let it upgrade, and reopen on next use.
    blocking: () => {
      void opened?.then(db => db.close())
      opened = undefined
    },
  }).catch((error) => {
    opened = undefined
    throw error
  })
  return opened
}

export async function getSearchIndex(): Promise<StoredSearchIndex | undefined> {
  return (await database()).get('searchIndex', SEARCH_INDEX_KEY)
}

export async function putSearchIndex(entry: StoredSearchIndex): Promise<void> {
  await (await database()).put('searchIndex', entry, SEARCH_INDEX_KEY)
}
