// Worker processes for integration tests. Workers run exactly as `npm start` runs them (this Node,
// tsx's loader, one process each) against the run's database, each test file in its own RabbitMQ
// virtual host (rabbitmq.ts).
import { spawn, type ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import { connect, type Channel, type ChannelModel, type GetMessage } from 'amqplib'
import { inject } from 'vitest'
import { QUEUES } from '../../server/messaging/names.ts'
import { testDb } from './fixtures.ts'

const tsxLoader = createRequire(import.meta.url).resolve('tsx')

export interface RunningWorker {
  process: ChildProcess
  /** Everything the process wrote so far. */
  output(): string
  /** Parsed JSON log lines so far. */
  logs(): Record<string, unknown>[]
  waitForLog(match: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>
  /** SIGTERM and wait for the exit; resolves with the exit code. */
  stop(): Promise<number | null>
  /** SIGKILL: no shutdown at all. */
  kill(): Promise<void>
}

/**
 * Worker timings for tests, far shorter than production's (server/config/env.ts has those): retries
 * come back after 0.2–0.8 s instead of 1 s–2 min, an idle relay looks for rows every 50 ms, and a
 * worker that lost RabbitMQ tries again at least every half second. A test's own env overrides them.
 */
export const TEST_TIMINGS = { RETRY_DELAYS_MS: '200,400,600,800', RELAY_POLL_MS: '50', AMQP_RECONNECT_MAX_MS: '500' } as const

const running = new Set<ChildProcess>()
process.once('exit', () => { for (const child of running) child.kill('SIGKILL') })

/** Starts `workers/<name>.ts`, or any script given by path, with the run's database. */
export async function startWorker(script: string, env: Record<string, string>, options: { readyLog?: RegExp } = {}): Promise<RunningWorker> {
  const path = script.includes('/') ? script : `workers/${script}.ts`
  // Bundled workers (dist/workers/*.mjs, scripts/build-workers.ts) run on plain Node, as in the image.
  const loader = path.endsWith('.mjs') ? [] : ['--import', tsxLoader]
  const child = spawn(process.execPath, [...loader, path], {
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'debug', DATABASE_URL: inject('databaseUrl'), ...TEST_TIMINGS, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  let output = ''
  const exited = new Promise<number | null>(resolve => child.once('exit', (code) => { running.delete(child); resolve(code) }))
  child.stdout!.on('data', (d) => { output += d; if (process.env.TEST_WORKER_LOGS) process.stderr.write(d) })
  child.stderr!.on('data', (d) => { output += d; if (process.env.TEST_WORKER_LOGS) process.stderr.write(d) })

  const logs = () => output.split('\n').flatMap((line) => {
    try {
      return line.startsWith('{') ? [JSON.parse(line) as Record<string, unknown>] : []
    } catch {
      return []
    }
  })
  const waitForLog: RunningWorker['waitForLog'] = async (match, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      const found = logs().find(match)
      if (found) return found
      if (child.exitCode !== null) throw new Error(`${path} exited with ${child.exitCode}:\n${output.slice(-4000)}`)
      await new Promise(r => setTimeout(r, 50))
    }
    throw new Error(`${path}: no matching log line within ${timeoutMs} ms:\n${output.slice(-4000)}`)
  }
  const worker: RunningWorker = {
    process: child,
    output: () => output,
    logs,
    waitForLog,
    async stop() {
      if (child.exitCode !== null) return child.exitCode
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 12_000)
      const code = await exited
      clearTimeout(timer)
      return code
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL')
      await exited
    },
  }
  const readyLog = options.readyLog ?? /consuming|relaying the outbox|cleanup running/
  await waitForLog(line => readyLog.test(String(line.msg)), 30_000)
  return worker
}

/** A test's own connection to its vhost, to publish raw messages and read queues directly. */
export async function openTestChannel(url: string): Promise<{ connection: ChannelModel, channel: Channel, close(): Promise<void> }> {
  const connection = await connect(url)
  connection.on('error', () => {})
  const channel = await connection.createChannel()
  channel.on('error', () => {})
  return { connection, channel, close: () => connection.close().catch(() => {}) }
}

/** Takes every message waiting in a queue (acking them). */
export async function drainQueue(channel: Channel, queue: string): Promise<GetMessage[]> {
  const messages: GetMessage[] = []
  for (;;) {
    const msg = await channel.get(queue, { noAck: true })
    if (!msg) return messages
    messages.push(msg)
  }
}

export async function eventually<T>(probe: () => Promise<T | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: T | undefined | false
  while (Date.now() < deadline) {
    last = await probe()
    if (last) return last
    await new Promise(r => setTimeout(r, 50))
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
}

/** The table tests/support/test-consumer-worker.ts writes its effects to (in the run's database). */
export const TEST_EFFECTS_TABLE = `CREATE TABLE IF NOT EXISTS test_consumer_effects (
  id bigserial PRIMARY KEY, consumer text NOT NULL, message_id text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`

/**
 * The run's database is shared by every test file, and a relay publishes all of its outbox (other
 * files' rows included) into this vhost. Waits until the running relay has published everything,
 * then empties the work queues, so what a test consumes afterwards is its own.
 */
export async function settleMessaging(url: string): Promise<void> {
  await eventually(async () => (await testDb().outboxMessage.count({ where: { publishedAt: null } })) === 0, 30_000, 'the relay to publish the outbox backlog')
  await new Promise(r => setTimeout(r, 200))
  const { channel, close } = await openTestChannel(url)
  try {
    for (const queue of Object.values(QUEUES)) await channel.purgeQueue(queue).catch(() => {})
  } finally {
    await close()
  }
}
