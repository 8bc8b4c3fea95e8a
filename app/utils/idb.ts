// The app's one IndexedDB module: every read and write of browser storage goes through these typed
// functions. Schema changes bump DB_VERSION and add a step to `upgrade`, never edit an old step.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import type { SearchIndexPayload } from '#shared/types/search'
import type { EventDetailDto, SeatMapDto } from '#shared/types/event'
import type { BookingDto, TicketDto } from '#shared/types/booking'
import type { CheckInListTicket } from '#shared/types/organising'
import type { QuestionDto } from '#shared/types/pricing'
import type { QueuedAnswers } from './offline-answers'

const DB_NAME = 'bookify'
const DB_VERSION = 3

/** A record the offline app keeps a copy of; `data` is the API's DTO, typed by its feature. */
interface SavedCopy<T = unknown> {
  savedAt: string
  data: T
}

interface StoredSearchIndex {
  etag: string
  savedAt: string
  payload: SearchIndexPayload
}

export type PendingStatus = 'queued' | 'sending' | 'done' | 'conflict' | 'failed'

/** A booking asked for offline: hold + confirm, sent when the connection is back (composables/useOutbox.ts). */
export interface PendingAction {
  id?: number
  kind: 'booking'
  eventId: string
  eventTitle: string
  seatIds: string[]
  ga: { sectionId: string, quantity: number, ticketTypeId?: string }[]
  /** The ticket type chosen per seat (seat id → type id); a seat left out gets its section's default. */
  seatTypes?: Record<string, string>
  /** A promo or access code typed before going offline; invalid by the time it is sent → a conflict. */
  promoCode?: string
  /** Answers to the event's checkout questions, sent with the confirmation; attendees by slot (utils/offline-answers.ts). */
  answers?: QueuedAnswers
  /** The places as the user saw them ("Stalls · A3"), to list the action offline. */
  labels: string[]
  /** Each step sends a key derived from this one (`hold:…`, `confirm:…`), so a replay never books twice. */
  idempotencyKey: string
  createdAt: string
  status: PendingStatus
  attempts: number
  result?: { bookingId?: string, reference?: string, message?: string, unavailable?: string[] }
}

/** A ticket's QR code as SVG text, so the ticket can be shown at the door without a connection. */
export interface StoredTicketQr {
  ticketId: string
  bookingId: string
  /** The ticket code the SVG encodes; a different code means the SVG is stale. */
  code: string
  svg: string
  savedAt: string
}

/** An event's ticket list on a door phone, for validating scans while offline. */
interface StoredCheckInList {
  eventId: string
  etag: string
  savedAt: string
  tickets: CheckInListTicket[]
}

/** A scan the phone admitted while offline, waiting to be synced. */
interface QueuedScan {
  id?: number
  eventId: string
  ticketCode: string
  scannedAt: string
}

interface BookifyDB extends DBSchema {
  /** Events the user has seen, by event id. */
  events: { key: string, value: SavedCopy<EventDetailDto> & { id: string } }
  /** Seat maps last seen, by event id. */
  seatMaps: { key: string, value: SavedCopy<SeatMapDto> & { eventId: string } }
  bookings: { key: string, value: SavedCopy<BookingDto> & { id: string, eventId: string }, indexes: { byEvent: string } }
  tickets: { key: string, value: SavedCopy<TicketDto> & { id: string, bookingId: string }, indexes: { byBooking: string } }
  /** The offline search index; one entry, under SEARCH_INDEX_KEY. */
  searchIndex: { key: string, value: StoredSearchIndex }
  outbox: { key: number, value: PendingAction, indexes: { byCreatedAt: string } }
  checkInLists: { key: string, value: StoredCheckInList }
  checkInQueue: { key: number, value: QueuedScan, indexes: { byEvent: string } }
  /** Small per-device values, e.g. this phone's check-in device id. */
  settings: { key: string, value: string }
  ticketQr: { key: string, value: StoredTicketQr, indexes: { byBooking: string } }
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
  if (oldVersion < 2) {
    db.createObjectStore('checkInLists', { keyPath: 'eventId' })
    db.createObjectStore('checkInQueue', { keyPath: 'id', autoIncrement: true }).createIndex('byEvent', 'eventId')
    db.createObjectStore('settings')
  }
  if (oldVersion < 3) {
    db.createObjectStore('ticketQr', { keyPath: 'ticketId' }).createIndex('byBooking', 'bookingId')
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

export async function getCheckInList(eventId: string): Promise<StoredCheckInList | undefined> {
  return (await database()).get('checkInLists', eventId)
}

export async function putCheckInList(entry: StoredCheckInList): Promise<void> {
  await (await database()).put('checkInLists', entry)
}

/** Marks a ticket of the stored list as checked in, so this phone refuses a second scan offline. */
export async function markCheckedIn(eventId: string, code: string, at: string): Promise<void> {
  const db = await database()
  const tx = db.transaction('checkInLists', 'readwrite')
  const list = await tx.store.get(eventId)
  const ticket = list?.tickets.find(t => t.code === code)
  if (list && ticket && !ticket.checkedInAt) {
    ticket.checkedInAt = at
    await tx.store.put(list)
  }
  await tx.done
}

export async function queueScan(scan: QueuedScan): Promise<void> {
  await (await database()).add('checkInQueue', scan)
}

export async function queuedScans(eventId: string): Promise<QueuedScan[]> {
  return (await database()).getAllFromIndex('checkInQueue', 'byEvent', eventId)
}

export async function dropQueuedScans(ids: number[]): Promise<void> {
  const tx = (await database()).transaction('checkInQueue', 'readwrite')
  await Promise.all([...ids.map(id => tx.store.delete(id)), tx.done])
}

/** This browser's check-in device id, made once and kept, so re-synced scans stay idempotent. */
export async function checkInDeviceId(): Promise<string> {
  const db = await database()
  const existing = await db.get('settings', 'checkInDeviceId')
  if (existing) return existing
  const id = `door-${crypto.randomUUID().slice(0, 8)}`
  await db.put('settings', id, 'checkInDeviceId')
  return id
}

// ——— The offline buyer: events seen, seat-map snapshots, my bookings and tickets, the outbox ———

const now = () => new Date().toISOString()

export async function saveEvent(event: EventDetailDto): Promise<void> {
  await (await database()).put('events', { id: event.id, savedAt: now(), data: event })
}

export async function savedEvent(id: string): Promise<EventDetailDto | undefined> {
  return (await (await database()).get('events', id))?.data
}

/** An event's checkout questions (public), so a booking chosen offline can carry its answers. */
export async function saveQuestions(eventId: string, questions: QuestionDto[]): Promise<void> {
  await (await database()).put('settings', JSON.stringify(questions), `questions:${eventId}`)
}

export async function savedQuestions(eventId: string): Promise<QuestionDto[] | undefined> {
  const saved = await (await database()).get('settings', `questions:${eventId}`)
  return saved === undefined ? undefined : JSON.parse(saved) as QuestionDto[]
}

export async function saveSeatMap(map: SeatMapDto): Promise<void> {
  await (await database()).put('seatMaps', { eventId: map.eventId, savedAt: now(), data: map })
}

export async function savedSeatMap(eventId: string): Promise<SeatMapDto | undefined> {
  return (await (await database()).get('seatMaps', eventId))?.data
}

/** Stores bookings and their tickets; a cancelled booking loses its QR codes on this device. */
export async function saveBookings(bookings: BookingDto[]): Promise<void> {
  const tx = (await database()).transaction(['bookings', 'tickets', 'ticketQr'], 'readwrite')
  const savedAt = now()
  const writes: Promise<unknown>[] = []
  for (const booking of bookings) {
    writes.push(tx.objectStore('bookings').put({ id: booking.id, eventId: booking.event.id, savedAt, data: booking }))
    for (const ticket of booking.tickets) {
      writes.push(tx.objectStore('tickets').put({ id: ticket.id, bookingId: booking.id, savedAt, data: ticket }))
      if (!ticket.valid) writes.push(tx.objectStore('ticketQr').delete(ticket.id))
    }
  }
  await Promise.all([...writes, tx.done])
}

/** Makes the device's bookings exactly `bookings` (the server's full list): others are removed. */
export async function replaceBookings(bookings: BookingDto[]): Promise<void> {
  const keep = new Set(bookings.map(b => b.id))
  const db = await database()
  const gone = (await db.getAllKeys('bookings')).filter(id => !keep.has(id))
  if (gone.length) {
    const tx = db.transaction(['bookings', 'tickets', 'ticketQr'], 'readwrite')
    const deletes: Promise<unknown>[] = []
    for (const id of gone) {
      deletes.push(tx.objectStore('bookings').delete(id))
      for (const key of await tx.objectStore('tickets').index('byBooking').getAllKeys(id)) deletes.push(tx.objectStore('tickets').delete(key))
      for (const key of await tx.objectStore('ticketQr').index('byBooking').getAllKeys(id)) deletes.push(tx.objectStore('ticketQr').delete(key))
    }
    await Promise.all([...deletes, tx.done])
  }
  await saveBookings(bookings)
}

/** My bookings on this device, newest first (the order of GET /api/bookings). */
export async function savedBookings(): Promise<BookingDto[]> {
  const rows = await (await database()).getAll('bookings')
  return rows.map(r => r.data).sort((a, b) => b.createdAt.localeCompare(a.createdAt))
}

export async function savedBooking(id: string): Promise<BookingDto | undefined> {
  return (await (await database()).get('bookings', id))?.data
}

export async function saveTicketQr(entry: Omit<StoredTicketQr, 'savedAt'>): Promise<void> {
  await (await database()).put('ticketQr', { ...entry, savedAt: now() })
}

/** The stored QR codes of one booking, by ticket id. */
export async function savedTicketQrs(bookingId: string): Promise<Map<string, StoredTicketQr>> {
  const rows = await (await database()).getAllFromIndex('ticketQr', 'byBooking', bookingId)
  return new Map(rows.map(r => [r.ticketId, r]))
}

export async function addPendingAction(action: Omit<PendingAction, 'id'>): Promise<number> {
  return (await database()).add('outbox', action)
}

export async function pendingActions(): Promise<PendingAction[]> {
  return (await database()).getAll('outbox')
}

/** Changes an action only if it is still in one of the states `from` (so a cancelled or sent action stays so). */
export async function updatePendingAction(id: number, from: PendingStatus[], patch: Partial<PendingAction>): Promise<PendingAction | undefined> {
  const tx = (await database()).transaction('outbox', 'readwrite')
  const action = await tx.store.get(id)
  if (!action || !from.includes(action.status)) {
    await tx.done
    return undefined
  }
  const next = { ...action, ...patch, id }
  await tx.store.put(next)
  await tx.done
  return next
}

/** Removes an action if it is in one of the states `from`; false when it was not (e.g. already being sent). */
export async function deletePendingAction(id: number, from: PendingStatus[]): Promise<boolean> {
  const tx = (await database()).transaction('outbox', 'readwrite')
  const action = await tx.store.get(id)
  const removable = action !== undefined && from.includes(action.status)
  if (removable) await tx.store.delete(id)
  await tx.done
  return removable
}

/** Signing out leaves nothing of this user's on the device. */
export async function clearPersonalData(): Promise<void> {
  const stores = ['bookings', 'tickets', 'ticketQr', 'outbox'] as const
  const tx = (await database()).transaction(stores, 'readwrite')
  await Promise.all([...stores.map(name => tx.objectStore(name).clear()), tx.done])
}
