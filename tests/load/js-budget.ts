// `npm run budget:js`: how much JavaScript a first visit to the home page transfers (gzip), against
// the 250 KB budget of the offline-app issue. Starts the built server on a throw-away database,
// reads the scripts the page loads (<script src> and modulepreload links), gzips each as a server
// or CDN would, and sums them. Exits non-zero over budget.
import { gzipSync } from 'node:zlib'
import { ensureBuild } from '../../scripts/lib/ensure-build.ts'
import { createTestDatabase } from '../support/database.ts'
import { startServer } from '../support/server.ts'

const BUDGET_BYTES = 250 * 1024

function scriptUrls(html: string): string[] {
  const urls = new Set<string>()
  for (const m of html.matchAll(/<script[^>]+src="([^"]+)"/g)) urls.add(m[1]!)
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"|<link[^>]+href="([^"]+)"[^>]+rel="modulepreload"/g)) urls.add((m[1] ?? m[2])!)
  return [...urls].filter(u => u.endsWith('.js') || u.includes('.js?'))
}

async function main() {
  ensureBuild()
  const db = await createTestDatabase('bookify_budget')
  const server = await startServer({ DATABASE_URL: db.url, AUTH_SECRET: 'b'.repeat(32), ENCRYPTION_KEY: 'k'.repeat(32) })
  try {
    const html = await (await fetch(`${server.url}/`)).text()
    const rows: { url: string, raw: number, gzip: number }[] = []
    for (const url of scriptUrls(html)) {
      const body = Buffer.from(await (await fetch(new URL(url, server.url))).arrayBuffer())
      rows.push({ url, raw: body.length, gzip: gzipSync(body, { level: 9 }).length })
    }
    const total = rows.reduce((n, r) => n + r.gzip, 0)
    const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`
    console.log('| script | raw | gzip |\n|---|---|---|')
    for (const r of rows.sort((a, b) => b.gzip - a.gzip)) console.log(`| ${r.url} | ${kb(r.raw)} | ${kb(r.gzip)} |`)
    console.log(`| **total (${rows.length} files)** | ${kb(rows.reduce((n, r) => n + r.raw, 0))} | **${kb(total)}** |`)
    console.log(`\nHome page JavaScript: ${kb(total)} gzip (budget ${kb(BUDGET_BYTES)}) — ${total <= BUDGET_BYTES ? 'within budget' : 'OVER BUDGET'}`)
    process.exitCode = total <= BUDGET_BYTES ? 0 : 1
  } finally {
    await server.stop()
    await db.drop()
  }
}

await main()
