// The live queue in Redis (keys: queue-keys.ts). Every change is one Lua script, atomic in Redis, so
// any number of web instances can join, read and admit on the same queue. PostgreSQL keeps what the
// queue is rebuilt from (queue-entries.ts); Redis is only ever the fast copy.
import type { Redis } from 'ioredis'
import { lua, runLua } from './lua.ts'
import { queueKeys } from './queue-keys.ts'

export type QueueRedis = Pick<Redis, 'evalsha' | 'eval' | 'multi' | 'zmscore' | 'hget'>

/** An admitted place whose window has passed goes to the back when its holder joins again. */
const JOIN = lua(`
local meta = KEYS[4]
if redis.call('HGET', meta, 'built') ~= '1' then return {-1, 0} end
local pos = redis.call('ZSCORE', KEYS[1], ARGV[1])
if pos then
  pos = tonumber(pos)
  if pos <= tonumber(redis.call('HGET', meta, 'cursor') or '0') then
    local a = redis.call('ZRANGEBYSCORE', KEYS[5], pos, '+inf', 'LIMIT', 0, 1)
    local at = 0
    if a[1] then at = tonumber(string.match(a[1], ':(%d+)$')) end
    if at + tonumber(ARGV[5]) < tonumber(ARGV[4]) then
      local t = redis.call('HINCRBY', meta, 'tail', 1)
      redis.call('ZADD', KEYS[1], t, ARGV[1])
      return {t, 2}
    end
  end
  return {pos, 0}
end
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 or redis.call('ZSCORE', KEYS[3], ARGV[1]) then return {0, 0} end
if redis.call('HGET', meta, 'drawn') == '1' then
  local t = redis.call('HINCRBY', meta, 'tail', 1)
  redis.call('ZADD', KEYS[1], t, ARGV[1])
  return {t, 1}
end
if ARGV[2] == '1' then redis.call('SADD', KEYS[2], ARGV[1]) else redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1]) end
return {0, 1}
`)

const STATUS = lua(`
local pos = redis.call('ZSCORE', KEYS[1], ARGV[1])
local waiting = 0
if not pos then
  if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then waiting = 1 elseif redis.call('ZSCORE', KEYS[3], ARGV[1]) then waiting = 2 end
end
local m = redis.call('HMGET', KEYS[4], 'built', 'drawn', 'tail', 'cursor', 'placesLeft', 'rate', 'closed', 'closedReason')
local at = ''
if pos and tonumber(pos) <= tonumber(m[4] or '0') then
  local a = redis.call('ZRANGEBYSCORE', KEYS[5], pos, '+inf', 'LIMIT', 0, 1)
  if a[1] then at = string.match(a[1], ':(%d+)$') end
end
return {pos or '', waiting, redis.call('SCARD', KEYS[2]), redis.call('ZCARD', KEYS[3]), at,
  m[1] or '', m[2] or '', m[3] or '', m[4] or '', m[5] or '', m[6] or '', m[7] or '', m[8] or ''}
`)

/** Places the pre-queue in the drawn order, then those who arrived since the start, in arrival order. */
const DRAW = lua(`
if redis.call('HGET', KEYS[4], 'drawn') == '1' then return {} end
for i = 1, #ARGV do redis.call('ZADD', KEYS[1], i, ARGV[i]) end
local n = #ARGV
local out = {}
for _, u in ipairs(redis.call('ZRANGE', KEYS[3], 0, -1)) do
  if not redis.call('ZSCORE', KEYS[1], u) then
    n = n + 1
    redis.call('ZADD', KEYS[1], n, u)
    table.insert(out, u)
    table.insert(out, n)
  end
end
redis.call('DEL', KEYS[2], KEYS[3])
redis.call('HSET', KEYS[4], 'drawn', '1', 'tail', n, 'prequeueSize', #ARGV)
return out
`)

/** Moves the cursor on by up to ARGV[1] positions; the newly admitted are outstanding until they act. */
const ADMIT = lua(`
local cursor = tonumber(redis.call('HGET', KEYS[1], 'cursor') or '0')
local tail = tonumber(redis.call('HGET', KEYS[1], 'tail') or '0')
local to = math.min(tail, cursor + tonumber(ARGV[1]))
if to <= cursor then return {cursor, cursor} end
redis.call('HSET', KEYS[1], 'cursor', to)
redis.call('ZADD', KEYS[2], to, to .. ':' .. ARGV[2])
for _, u in ipairs(redis.call('ZRANGEBYSCORE', KEYS[4], cursor + 1, to)) do redis.call('ZADD', KEYS[3], ARGV[3], u) end
return {cursor, to}
`)

/**
 * Replaces the event's queue with what PostgreSQL recorded (after Redis lost it). ARGV: drawn, tail,
 * cursor, prequeueSize, closed, closedReason, count of placed entries, then user/position pairs,
 * count of pre-queue users and the users, then late user/seq pairs, then cursor/time advances.
 */
const REBUILD = lua(`
if redis.call('HGET', KEYS[4], 'built') == '1' then return 0 end
for _, k in ipairs(KEYS) do redis.call('DEL', k) end
local line, pre, late, meta, advances = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local i = 7
local n = tonumber(ARGV[i]); i = i + 1
for _ = 1, n do redis.call('ZADD', line, ARGV[i + 1], ARGV[i]); i = i + 2 end
n = tonumber(ARGV[i]); i = i + 1
for _ = 1, n do redis.call('SADD', pre, ARGV[i]); i = i + 1 end
n = tonumber(ARGV[i]); i = i + 1
for _ = 1, n do redis.call('ZADD', late, ARGV[i + 1], ARGV[i]); i = i + 2 end
n = tonumber(ARGV[i]); i = i + 1
for _ = 1, n do redis.call('ZADD', advances, ARGV[i], ARGV[i] .. ':' .. ARGV[i + 1]); i = i + 2 end
n = tonumber(ARGV[i]); i = i + 1
for _ = 1, n do redis.call('ZADD', KEYS[6], ARGV[i + 1], ARGV[i]); i = i + 2 end
redis.call('HSET', meta, 'built', '1', 'drawn', ARGV[1], 'tail', ARGV[2], 'cursor', ARGV[3], 'prequeueSize', ARGV[4], 'closed', ARGV[5], 'closedReason', ARGV[6])
return 1
`)

export interface JoinResult {
  /** -1: the queue is not in Redis (rebuild, then join again); 0: waiting for the draw; else the position. */
  position: number
  /** 0: already in; 1: newly in; 2: joined again after a lapsed turn. */
  added: 0 | 1 | 2
}

export async function joinLine(redis: QueueRedis, eventId: string, userId: string, prequeue: boolean, seq: bigint, now: number, windowMs: number): Promise<JoinResult> {
  const k = queueKeys(eventId)
  const [position, added] = await runLua<[number, number]>(redis, JOIN, [k.line, k.pre, k.late, k.meta, k.advances], [userId, prequeue ? 1 : 0, seq.toString(), now, windowMs])
  return { position: Number(position), added: added as 0 | 1 | 2 }
}

export interface LineSnapshot {
  /** The account's position, once it has one. */
  position: number | null
  /** Not placed yet: 'PRE' before the draw, 'LATE' arrived after the start but before the draw. */
  waiting: 'PRE' | 'LATE' | null
  preSize: number
  lateSize: number
  /** Epoch ms the account's position was admitted (only when the cursor passed it). */
  admittedAt: number | null
  built: boolean
  drawn: boolean
  tail: number
  cursor: number
  placesLeft: number | null
  /** Admissions per minute recently. */
  rate: number
  closed: boolean
  closedReason: string | null
}

const num = (v: string | number) => (v === '' ? 0 : Number(v))

export async function readLine(redis: QueueRedis, eventId: string, userId: string): Promise<LineSnapshot> {
  const k = queueKeys(eventId)
  const r = await runLua<(string | number)[]>(redis, STATUS, [k.line, k.pre, k.late, k.meta, k.advances], [userId])
  const [pos, waiting, preSize, lateSize, at, built, drawn, tail, cursor, placesLeft, rate, closed, closedReason] = r as [string, number, number, number, string, string, string, string, string, string, string, string, string]
  return {
    position: pos === '' ? null : Number(pos),
    waiting: waiting === 1 ? 'PRE' : waiting === 2 ? 'LATE' : null,
    preSize: Number(preSize),
    lateSize: Number(lateSize),
    admittedAt: at ? Number(at) : null,
    built: built === '1',
    drawn: drawn === '1',
    tail: num(tail),
    cursor: num(cursor),
    placesLeft: placesLeft === '' ? null : Number(placesLeft),
    rate: num(rate),
    closed: closed === '1',
    closedReason: closedReason || null,
  }
}

/** Positions of many accounts at once (an SSE fan-out after the draw): one round trip. */
export async function positionsOf(redis: QueueRedis, eventId: string, userIds: string[]): Promise<(number | null)[]> {
  if (userIds.length === 0) return []
  const scores = await redis.zmscore(queueKeys(eventId).line, ...userIds)
  return scores.map(s => (s === null ? null : Number(s)))
}

/** Writes the draw into Redis; returns the late arrivals it placed behind the pre-queue. */
export async function drawLine(redis: QueueRedis, eventId: string, orderedUserIds: string[]): Promise<{ userId: string, position: number }[]> {
  const k = queueKeys(eventId)
  const out = await runLua<(string | number)[]>(redis, DRAW, [k.line, k.pre, k.late, k.meta], orderedUserIds)
  const placed: { userId: string, position: number }[] = []
  for (let i = 0; i < out.length; i += 2) placed.push({ userId: String(out[i]), position: Number(out[i + 1]) })
  return placed
}

export async function admitNext(redis: QueueRedis, eventId: string, count: number, now: number, windowEnd: number): Promise<{ from: number, to: number }> {
  const k = queueKeys(eventId)
  const [from, to] = await runLua<[number, number]>(redis, ADMIT, [k.meta, k.advances, k.outstanding, k.line], [count, now, windowEnd])
  return { from: Number(from), to: Number(to) }
}

/**
 * A hold attempt with a valid token has been answered: the buyer is no longer outstanding, and it
 * counts as a decision. Called once the answer is sent — by then a granted hold has committed and
 * shows in the places counted, so the admitter never counts the same places as both free and
 * promised to an outstanding buyer.
 */
export async function markAttempt(redis: QueueRedis, eventId: string, userId: string, granted: boolean): Promise<void> {
  const k = queueKeys(eventId)
  await redis.multi().zrem(k.outstanding, userId).hincrby(k.meta, 'decisions', 1).hincrby(k.meta, 'granted', granted ? 1 : 0).exec()
}

export interface RoomCounters {
  built: boolean
  drawn: boolean
  tail: number
  cursor: number
  /** Admitted, window still open, no hold attempt yet (lapsed windows are dropped here). */
  outstanding: number
  decisions: number
  /** Hold attempts of admitted buyers that were granted. */
  granted: number
  preSize: number
  lateSize: number
  closed: boolean
}

export async function readCounters(redis: QueueRedis, eventId: string, now: number): Promise<RoomCounters> {
  const k = queueKeys(eventId)
  const res = await redis.multi()
    .zremrangebyscore(k.outstanding, '-inf', now)
    .zcard(k.outstanding)
    .hmget(k.meta, 'built', 'drawn', 'tail', 'cursor', 'decisions', 'closed', 'granted')
    .scard(k.pre)
    .zcard(k.late)
    .exec()
  if (!res) throw new Error('queue counters: transaction aborted')
  const [built, drawn, tail, cursor, decisions, closed, granted] = res[2]![1] as (string | null)[]
  return {
    built: built === '1',
    drawn: drawn === '1',
    tail: Number(tail ?? 0),
    cursor: Number(cursor ?? 0),
    outstanding: Number(res[1]![1]),
    decisions: Number(decisions ?? 0),
    granted: Number(granted ?? 0),
    preSize: Number(res[3]![1]),
    lateSize: Number(res[4]![1]),
    closed: closed === '1',
  }
}

export async function writeRoomFigures(redis: QueueRedis, eventId: string, figures: Record<string, string | number>): Promise<void> {
  await redis.multi().hset(queueKeys(eventId).meta, figures).exec()
}

export interface RebuildInput {
  drawn: boolean
  tail: number
  cursor: number
  prequeueSize: number
  closed: boolean
  closedReason: string | null
  placed: { userId: string, position: number }[]
  pre: string[]
  late: { userId: string, seq: bigint }[]
  advances: { cursor: number, at: number }[]
  /** Admitted buyers whose window is open and who have not acted yet: still owed a place. */
  outstanding: { userId: string, until: number }[]
}

export async function rebuildLine(redis: QueueRedis, eventId: string, input: RebuildInput): Promise<void> {
  const k = queueKeys(eventId)
  const args: (string | number)[] = [input.drawn ? 1 : 0, input.tail, input.cursor, input.prequeueSize, input.closed ? 1 : 0, input.closedReason ?? '']
  args.push(input.placed.length, ...input.placed.flatMap(p => [p.userId, p.position]))
  args.push(input.pre.length, ...input.pre)
  args.push(input.late.length, ...input.late.flatMap(l => [l.userId, l.seq.toString()]))
  args.push(input.advances.length, ...input.advances.flatMap(a => [a.cursor, a.at]))
  args.push(input.outstanding.length, ...input.outstanding.flatMap(o => [o.userId, o.until]))
  await runLua(redis, REBUILD, [k.line, k.pre, k.late, k.meta, k.advances, k.outstanding], args)
}
