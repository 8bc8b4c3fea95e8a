// Runs a Lua script by its sha (EVALSHA), loading it on the first NOSCRIPT — after a Redis restart
// too. Each script is atomic in Redis, which is what keeps a queue consistent across web instances.
import { createHash } from 'node:crypto'
import type { Redis } from 'ioredis'

export interface LuaScript {
  source: string
  sha: string
}

export function lua(source: string): LuaScript {
  return { source, sha: createHash('sha1').update(source).digest('hex') }
}

export type RedisLike = Pick<Redis, 'evalsha' | 'eval'>

export async function runLua<T>(redis: RedisLike, script: LuaScript, keys: string[], args: (string | number)[]): Promise<T> {
  try {
    return await redis.evalsha(script.sha, keys.length, ...keys, ...args) as T
  } catch (err) {
    if (!String((err as Error).message).startsWith('NOSCRIPT')) throw err
    return await redis.eval(script.source, keys.length, ...keys, ...args) as T
  }
}
