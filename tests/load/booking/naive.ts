// Runs naive-server.ts as its own process (as the product server is), on a database of its own.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { NAIVE_SCHEMA } from './naive-server.ts'

export interface NaiveServer {
  url: string
  pid: number
  attempts(): Promise<number>
  available(eventId: number): Promise<number>
  stop(): Promise<void>
}

export async function startNaive(databaseUrl: string, poolSize: number, eventIds: number[], capacity = 1_000): Promise<NaiveServer> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  await client.query(NAIVE_SCHEMA)
  for (const id of eventIds) await client.query('INSERT INTO naive_events (id, available) VALUES ($1, $2)', [id, capacity])
  const file = fileURLToPath(new URL('./naive-server.ts', import.meta.url))
  const child = spawn(process.execPath, ['--import', 'tsx', file, databaseUrl, String(poolSize)], { stdio: ['ignore', 'pipe', 'inherit'] })
  const port = await new Promise<number>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
      const m = out.match(/listening (\d+)/)
      if (m) resolve(Number(m[1]))
    })
    child.once('exit', code => reject(new Error(`naive server exited with ${code}`)))
  })
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    pid: child.pid!,
    attempts: async () => ((await (await fetch(`${url}/stats`)).json()) as { attempts: number }).attempts,
    available: async id => (await client.query<{ available: number }>('SELECT available FROM naive_events WHERE id = $1', [id])).rows[0]!.available,
    stop: async () => {
      await client.end()
      if (child.exitCode !== null) return
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref()
      })
    },
  }
}
