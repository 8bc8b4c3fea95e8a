// The waiting rooms' moving parts in a web process: the admitter (server/domain/queue/admitter.ts),
// run by whichever instance holds a short Redis lease — several web instances share one queue and
// exactly one admits at a time; if it dies, another takes over within LEASE_MS — and the
// dependencies every queue route passes to the domain.
import { randomUUID } from 'node:crypto'
import { config } from '../config/env.ts'
import { Admitter } from '../domain/queue/admitter.ts'
import { admitterLeaseKey } from '../domain/queue/queue-keys.ts'
import type { JoinDeps } from '../domain/queue/join-queue.ts'
import { TOPICS, publish } from '../messaging/pubsub.ts'
import { useAfterCommit } from './after-commit.ts'
import { useDb } from './db.ts'
import { useLogger } from '../observability/logger.ts'
import { usePubSub } from './pubsub.ts'
import { useRedis } from './redis.ts'
import { useWaitingRooms } from './waiting-room-directory.ts'

const LEASE_MS = 3_000
const instanceId = randomUUID()

// Takes the lease when free, keeps it when ours: one atomic step.
const LEASE_SCRIPT = `
local holder = redis.call('GET', KEYS[1])
if holder == false or holder == ARGV[1] then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`

let admitter: Admitter | undefined
let timer: ReturnType<typeof setTimeout> | undefined
let leading = false
let rebuilding = new Map<string, Promise<void>>()

function useAdmitter(): Admitter {
  admitter ??= new Admitter({
    db: useDb(),
    redis: useRedis(),
    log: useLogger(),
    publishProgress: message => publish(useRedis(), TOPICS.queueProgress, message, message.eventId),
    roomChanged: eventId => useAfterCommit().waitingRoomChanged(eventId),
  })
  return admitter
}

/** Loads a queue into Redis from PostgreSQL once per process at a time (every caller waits for the same). */
function rebuildQueue(eventId: string): Promise<void> {
  let running = rebuilding.get(eventId)
  if (!running) {
    running = useAdmitter().rebuild(eventId).finally(() => rebuilding.delete(eventId))
    rebuilding.set(eventId, running)
  }
  return running
}

export function queueDeps(): JoinDeps {
  return { db: useDb(), redis: useRedis(), secret: config().authSecret, rebuild: rebuildQueue }
}

async function holdLease(): Promise<boolean> {
  try {
    return (await useRedis().eval(LEASE_SCRIPT, 1, admitterLeaseKey(config().databaseDirectUrl), instanceId, LEASE_MS)) === 1
  } catch {
    return false
  }
}

async function tick(): Promise<void> {
  const rooms = useWaitingRooms()
  const lead = await holdLease()
  if (lead !== leading) {
    leading = lead
    useLogger().info({ instanceId, leading }, lead ? 'queue admitter: this instance admits' : 'queue admitter: another instance admits')
    if (!lead) useAdmitter().reset()
  }
  if (!lead) return
  await rooms.ready()
  await useAdmitter().tick(rooms.all())
}

/** A change of places on an event with an active room brings the next tick forward (not closer than this). */
const EARLY_TICK_MS = 100
let running = false
let lastTickAt = 0
let stopListening: (() => void) | undefined

function schedule(delay = config().queueTickMs): void {
  clearTimeout(timer)
  timer = setTimeout(() => {
    running = true
    void tick().catch(err => useLogger().warn({ err: (err as Error).message }, 'queue admitter tick failed')).finally(() => {
      running = false
      lastTickAt = Date.now()
      if (timer) schedule()
    })
  }, delay)
  timer.unref?.()
}

/** Places changed on an event (held, booked, freed): if its room is selling, the admitter looks again soon. */
function placesChanged(eventId: string): void {
  if (!leading || running || !timer) return
  const room = useWaitingRooms().get(eventId)
  if (!room?.drawn || room.closedAt !== null) return
  const dueIn = Math.max(0, lastTickAt + EARLY_TICK_MS - Date.now())
  if (dueIn < config().queueTickMs) schedule(dueIn)
}

export function startQueueRuntime(): void {
  if (timer) return
  useWaitingRooms().start()
  stopListening = usePubSub().on(TOPICS.availability, m => placesChanged(m.eventId))
  schedule()
}

export function stopQueueRuntime(): void {
  // The lease is left to lapse (LEASE_MS): Redis may already be closed by the time this runs.
  clearTimeout(timer)
  timer = undefined
  stopListening?.()
  leading = false
  admitter = undefined
  rebuilding = new Map()
}
