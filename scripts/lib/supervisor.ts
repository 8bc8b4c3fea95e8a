// Runs the web server and workers as child processes and stops them together: SIGTERM first,
// SIGKILL for any still running after the grace period, as Docker and Railway do.
import { spawn, type ChildProcess } from 'node:child_process'
import { makeTag, pipePrefixed } from './prefixed-output.ts'

export interface ProcessSpec {
  name: string
  command: string
  args: string[]
  env?: NodeJS.ProcessEnv
}

export interface ExitInfo {
  name: string
  code: number | null
  signal: NodeJS.Signals | null
}

interface Supervisor {
  /** Stops every child still running; resolves when all have exited. */
  stop(graceMs?: number): Promise<void>
}

export function supervise(specs: ProcessSpec[], onUnexpectedExit: (exit: ExitInfo) => void): Supervisor {
  const width = Math.max(...specs.map(s => s.name.length))
  let stopping = false
  const running = new Map<string, ChildProcess>()
  const exited = new Map<string, Promise<void>>()

  specs.forEach((spec, index) => {
    const tag = makeTag(spec.name, index, width)
    const child = spawn(spec.command, spec.args, { env: { ...process.env, ...spec.env }, stdio: ['ignore', 'pipe', 'pipe'] })
    running.set(spec.name, child)
    pipePrefixed(child.stdout!, tag, process.stdout)
    pipePrefixed(child.stderr!, tag, process.stderr)
    exited.set(spec.name, new Promise((resolve) => {
      child.on('error', (err) => {
        process.stderr.write(`${tag} could not start: ${err.message}\n`)
      })
      child.on('close', (code, signal) => {
        running.delete(spec.name)
        if (!stopping) onUnexpectedExit({ name: spec.name, code, signal })
        resolve()
      })
    }))
  })

  return {
    async stop(graceMs = 10_000) {
      stopping = true
      for (const child of running.values()) child.kill('SIGTERM')
      const killer = setTimeout(() => {
        for (const [name, child] of running) {
          process.stderr.write(`[${name}] still running after ${graceMs / 1000} s; killing it\n`)
          child.kill('SIGKILL')
        }
      }, graceMs)
      await Promise.all(exited.values())
      clearTimeout(killer)
    },
  }
}
