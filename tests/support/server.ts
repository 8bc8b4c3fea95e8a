// Starts the built Nitro server (.output) as a child process for black-box tests.
import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { cp } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface RunningServer {
  url: string
  process: ChildProcess
  stop(): Promise<void>
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`)
    try {
      const res = await fetch(`${url}/api/health`)
      if (res.ok) return
    } catch { /* not listening yet */ }
    await new Promise(r => setTimeout(r, 50))
  }
  throw new Error(`server did not become healthy within 60 s:\n${output()}`)
}

export interface BuildCopy {
  dir: string
  remove(): void
}

/**
 * A private copy of the build. Nitro loads route chunks lazily, and a rebuild of .output by a parallel
 * run would otherwise pull files from under a running server mid-test.
 */
export async function copyBuild(output = '.output'): Promise<BuildCopy> {
  const dir = mkdtempSync(join(tmpdir(), 'bookify-output-'))
  await cp(output, dir, { recursive: true })
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/**
 * `output`: the build to copy and run (default `.output`), e.g. a snapshot taken under the build lock.
 * `build`: run this copy instead (copyBuild), left in place on stop: one copy serves a whole test run.
 * `logFile`: where the server's output goes (default: a file in a temporary folder, removed on stop),
 * as a container's log driver would take it. Never a pipe into this process: a test process busy with
 * its own work drains a pipe late, and pino's synchronous writes then stall the server on a full pipe
 * (seen in CPU profiles of the integration suite as seconds inside writev). TEST_SERVER_LOGS=1 copies
 * the output to this process's stderr instead, for debugging.
 */
export async function startServer(env: Record<string, string>, output = '.output', options: { logFile?: string, build?: string } = {}): Promise<RunningServer> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const own = options.build ? undefined : await copyBuild(output)
  const copy = options.build ?? own!.dir
  const logDir = options.logFile ? undefined : mkdtempSync(join(tmpdir(), 'bookify-server-log-'))
  const logFile = options.logFile ?? join(logDir!, 'server.log')
  const echo = !!process.env.TEST_SERVER_LOGS
  const logFd = echo ? undefined : openSync(logFile, 'w')
  const child = spawn(process.execPath, [join(copy, 'server/index.mjs')], {
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', APP_URL: url, RATE_LIMITS: 'off', PASSWORD_HASH_COST: '10', ...env },
    stdio: ['ignore', logFd ?? 'inherit', logFd ?? 'inherit'],
  })
  if (logFd !== undefined) closeSync(logFd) // the child has its own copy
  await waitForHealth(url, child, () => echo ? '(output on stderr)' : readFileSync(logFile, 'utf8'))
  return {
    url,
    process: child,
    stop: () => new Promise((resolve) => {
      const done = () => {
        own?.remove()
        if (logDir) rmSync(logDir, { recursive: true, force: true })
        resolve()
      }
      // A process killed by a signal has no exit code, only its signal: it is gone all the same.
      if (child.exitCode !== null || child.signalCode !== null) return done()
      child.once('exit', done)
      child.kill('SIGTERM')
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref()
    }),
  }
}
