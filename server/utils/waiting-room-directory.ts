// This web process's copy of every waiting room's settings (server/domain/queue/room-settings.ts),
// so the hold path and queued buyers' statuses never ask PostgreSQL whether a room is on. Loaded at
// boot, reloaded per room when any instance announces a change (TOPICS.queueRoom, sent by the
// after-commit port), and in full every RELOAD_MS as a safety net for a lost announcement.
import type { H3Event } from 'h3'
import { idParams } from '../../shared/schemas/params.ts'
import { loadRoom, loadRooms, type RoomSettings } from '../domain/queue/room-settings.ts'
import { TOPICS } from '../messaging/pubsub.ts'
import { useDb } from './db.ts'
import { readParams } from './validate.ts'
import { useLogger } from '../observability/logger.ts'
import { usePubSub } from './pubsub.ts'

const RELOAD_MS = 15_000

export class WaitingRoomDirectory {
  private rooms = new Map<string, RoomSettings>()
  private loaded: Promise<void> | undefined
  private timer: ReturnType<typeof setInterval> | undefined
  private stopListening: (() => void) | undefined
  // Reloads overlap (an announcement, the timer, the instance's own change): each is numbered when it
  // starts reading, and a room is only replaced by a read that started after the one it came from, so
  // a slow read begun before an organiser's change can never overwrite the fresh settings.
  private reads = 0
  private readOf = new Map<string, number>()

  start(): void {
    if (this.timer) return
    this.stopListening = usePubSub().on(TOPICS.queueRoom, ({ eventId }) => void this.reload(eventId))
    usePubSub().onReconnect(() => void this.reloadAll())
    this.timer = setInterval(() => void this.reloadAll(), RELOAD_MS)
    this.timer.unref()
    void this.ready()
  }

  /** Resolves once the first full load succeeded (retried by the timer while PostgreSQL is down). */
  ready(): Promise<void> {
    this.loaded ??= this.reloadAll().catch((err) => {
      this.loaded = undefined
      throw err
    })
    return this.loaded
  }

  get(eventId: string): RoomSettings | undefined {
    return this.rooms.get(eventId)
  }

  all(): IterableIterator<RoomSettings> {
    return this.rooms.values()
  }

  async reload(eventId: string): Promise<void> {
    const read = ++this.reads
    try {
      const room = await loadRoom(useDb(), eventId)
      this.apply(eventId, room, read)
    } catch (err) {
      useLogger().warn({ eventId, err: (err as Error).message }, 'waiting room reload failed')
    }
  }

  async reloadAll(): Promise<void> {
    const read = ++this.reads
    const rooms = new Map((await loadRooms(useDb())).map(r => [r.eventId, r]))
    for (const eventId of new Set([...this.rooms.keys(), ...rooms.keys()])) this.apply(eventId, rooms.get(eventId), read)
  }

  private apply(eventId: string, room: RoomSettings | undefined, read: number): void {
    if ((this.readOf.get(eventId) ?? 0) > read) return
    this.readOf.set(eventId, read)
    if (room) this.rooms.set(eventId, room)
    else this.rooms.delete(eventId)
  }

  stop(): void {
    clearInterval(this.timer)
    this.timer = undefined
    this.stopListening?.()
    this.loaded = undefined
  }
}

let directory: WaitingRoomDirectory | undefined

export function useWaitingRooms(): WaitingRoomDirectory {
  directory ??= new WaitingRoomDirectory()
  return directory
}

export function stopWaitingRooms(): void {
  directory?.stop()
  directory = undefined
}

/** The room of the route's event (`:id`), from memory; undefined when the event has none. */
export async function waitingRoomOf(event: H3Event): Promise<RoomSettings | undefined> {
  const { id: eventId } = readParams(event, idParams)
  const rooms = useWaitingRooms()
  await rooms.ready()
  // Publishing is not announced to the directory: a room of an event that was not on sale when
  // loaded is read again (this only happens until the next full reload).
  if (rooms.get(eventId)?.onSale === false) await rooms.reload(eventId)
  return rooms.get(eventId)
}
