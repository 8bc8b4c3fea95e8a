// The raw limit: the product's claim SQL run straight by pgbench on a fresh copy of the event.
// Same buyer count as the HTTP run (-t per client), and a deadline like every other scenario.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface PgbenchResult {
  clients: number
  transactions: number
  failed: number
  tps: number
  latencyAvgMs: number
  aborted: boolean
}

export function runPgbench(url: string, script: string, vars: Record<string, string>, clients: number, total: number, deadlineMs = 60_000): Promise<PgbenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bookify-pgbench-'))
  const file = join(dir, 'claim.sql')
  writeFileSync(file, script)
  const args = ['-n', '-M', 'extended', '-f', file, '-c', String(clients), '-j', '2', '-t', String(Math.ceil(total / clients)),
    ...Object.entries(vars).flatMap(([k, v]) => ['-D', `${k}=${v}`]), url]
  return new Promise((resolve, reject) => {
    const child = spawn('pgbench', args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d) => { out += d })
    child.stderr.on('data', (d) => { out += d })
    let aborted = false
    const timer = setTimeout(() => { aborted = true; child.kill('SIGINT') }, deadlineMs)
    child.on('error', reject)
    child.on('exit', (code) => {
      clearTimeout(timer)
      rmSync(dir, { recursive: true, force: true })
      const num = (re: RegExp) => Number(out.match(re)?.[1] ?? Number.NaN)
      const tps = num(/tps = ([\d.]+) \(without initial connection time\)/)
      if (code !== 0 && !aborted || Number.isNaN(tps)) return reject(new Error(`pgbench exited with ${code}:\n${out}`))
      resolve({
        clients,
        transactions: num(/number of transactions actually processed: (\d+)/),
        failed: num(/number of failed transactions: (\d+)/) || 0,
        tps,
        latencyAvgMs: num(/latency average = ([\d.]+) ms/),
        aborted,
      })
    })
  })
}
