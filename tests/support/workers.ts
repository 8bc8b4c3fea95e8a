// Worker processes for integration tests. Workers run as the image runs them — bundled by
// scripts/build-workers.ts (global-setup.ts bundles them afresh into .test-bundles/ for each run),
// on plain Node, one process each — against the lane's database, each test file in its own RabbitMQ
// virtual host (rabbitmq.ts). A bundle starts without transpiling, which the suite does dozens of times.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { connect, type Channel, type ChannelModel, type GetMessage } from 'amqplib'
import { QUEUES } from '../../server/messaging/names.ts'
import { testDb } from './fixtures.ts'
import { testDatabaseUrl } from './lane.ts'
import { TEST_BUNDLES, TEST_WORKER_ENTRIES } from './test-bundles.ts'


/** The bundle of `workers/<name>.ts` or of a TEST_WORKER_ENTRIES script; a path to an .mjs runs as it is. */
function bundleOf(script: string): string {
  if (script.endsWith('.mjs')) return script
  const entry = TEST_WORKER_ENTRIES.find(e => e.in === script)
  const bundle = `${TEST_BUNDLES}/${entry ? entry.out : `workers/${script}`}.mjs`
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: global-setup.ts bundles it (is ${script} a worker or in TEST_WORKER_ENTRIES?)`)
  return bundle
}

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

/** Starts the worker `workers/<name>.ts`, a TEST_WORKER_ENTRIES script or an .mjs file, with the lane's database. */
export async function startWorker(script: string, env: Record<string, string>, options: { readyLog?: RegExp } = {}): Promise<RunningWorker> {
  const path = bundleOf(script)
  const child = spawn(process.execPath, ['--enable-source-maps', path], {
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'info', DATABASE_URL: testDatabaseUrl(), ...TEST_TIMINGS, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  const exited = new Promise<number | null>(resolve => child.once('exit', (code) => { running.delete(child); resolve(code) }))
  let output = ''
  // Log lines are parsed once, as they arrive: waitForLog polls every 50 ms, and re-parsing a worker's
  // whole output at each poll costs more the longer the worker runs. Workers log at info (a test's env
  // may ask for debug): every line is a write the worker may block on while this process is busy.
  const parsed: Record<string, unknown>[] = []
  let partial = ''
  const take = (d: Buffer) => {
    output += d
    if (process.env.TEST_WORKER_LOGS) process.stderr.write(d)
    const lines = (partial + d).split('\n')
    partial = lines.pop()!
    for (const line of lines) {
      if (!line.startsWith('{')) continue
      try {
        parsed.push(JSON.parse(line) as Record<string, unknown>)
      } catch { /* not a log line */ }
    }
  }
  child.stdout!.on('data', take)
  child.stderr!.on('data', take)

  const logs = () => parsed.slice()
  const waitForLog: RunningWorker['waitForLog'] = async (match, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      const found = parsed.find(match)
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
