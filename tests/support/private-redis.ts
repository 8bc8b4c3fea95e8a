// A private redis-server for tests that break Redis (FLUSHALL, stop): the machine's shared Redis
// serves other test runs and must never be touched. No persistence; killed by its PID afterwards.
import { spawn, type ChildProcess } from 'node:child_process'
import { Redis } from 'ioredis'
import { freePort } from './server.ts'

export interface PrivateRedis {
  url: string
  port: number
  client: Redis
  stop(): Promise<void>
}

/** `port`: start on this port (e.g. a restart of a server just stopped there). */
export async function startPrivateRedis(options: { port?: number } = {}): Promise<PrivateRedis> {
  const port = options.port ?? await freePort()
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], { stdio: 'ignore' })
  const url = `redis://127.0.0.1:${port}`
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 })
  client.on('error', () => {}) // refused until the server listens; the loop below retries
  const deadline = Date.now() + 10_000
  for (;;) {
    try {
      await client.connect()
      await client.ping()
      break
    } catch (err) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`private redis-server did not start on ${port}: ${(err as Error).message}`, { cause: err })
      client.disconnect()
      await new Promise(r => setTimeout(r, 100))
    }
  }
  return {
    url,
    port,
    client,
    stop: async () => {
      client.disconnect()
      if (child.exitCode !== null) return
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      })
    },
  }
}
