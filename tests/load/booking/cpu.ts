// CPU time actually spent, per process, from /proc (Linux): on a shared machine wall-clock rates
// swing with everyone else's load, CPU milliseconds per decision much less.
import { readFileSync } from 'node:fs'
import pg from 'pg'

const TICK_MS = 10 // USER_HZ is 100 on Linux

/** utime + stime of a process in ms, 0 if it is gone. */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS
  } catch {
    return 0
  }
}

/** Backend pids serving a database (the server's or naive server's pool), excluding the asking one. */
export async function backendPids(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')
    return rows.map(r => r.pid)
  } finally {
    await client.end()
  }
}

export interface CpuSpend {
  /** The server process (product or naive). */
  server: number
  /** PostgreSQL backends of the server's pool. */
  postgres: number
  /** This process: the load generator. */
  client: number
}

/** Starts counting; the returned function gives the CPU ms spent since. */
export async function startCpu(serverPid: number, databaseUrl: string): Promise<() => CpuSpend> {
  const pids = await backendPids(databaseUrl)
  const pgBefore = pids.reduce((n, p) => n + cpuMs(p), 0)
  const serverBefore = cpuMs(serverPid)
  const clientBefore = process.cpuUsage()
  return () => {
    const c = process.cpuUsage(clientBefore)
    return {
      server: cpuMs(serverPid) - serverBefore,
      postgres: pids.reduce((n, p) => n + cpuMs(p), 0) - pgBefore,
      client: (c.user + c.system) / 1000,
    }
  }
}
