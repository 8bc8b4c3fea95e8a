// `npm run bench:lighthouse`: Lighthouse mobile (its defaults: a mid-range phone, simulated slow 4G)
// on the home page and an event page of the built server on a throw-away database, as a visitor who
// is not signed in sees them (from the page cache). Prints the performance score, LCP, TBT, CLS, the
// JavaScript and CSS loaded, and the JavaScript loaded but unused, with the load average, since on a
// shared machine the simulated timings follow the real CPU. Lighthouse comes from npm via npx.
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import globalSetup from '../support/e2e-global-setup.ts'
import { seedFirstVisitPages } from './first-visit-pages.ts'

interface Audit { numericValue?: number, details?: { overallSavingsBytes?: number, items?: { resourceType?: string, transferSize?: number }[] } }
interface Report { audits: Record<string, Audit>, categories: { performance: { score: number } } }

function lighthouse(url: string): Report {
  // LIGHTHOUSE_FLAGS adds Lighthouse options to test a hypothesis, e.g. '--blocked-url-patterns=*/sw.js'.
  const extra = process.env.LIGHTHOUSE_FLAGS?.split(' ').filter(Boolean) ?? []
  const run = () => execFileSync('npx', ['-y', 'lighthouse', url, '--chrome-path=/usr/bin/chromium', '--chrome-flags=--headless --no-sandbox --disable-gpu',
    '--only-categories=performance', '--output=json', '--quiet', ...extra], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] })
  let out: string
  try {
    out = run()
  } catch (error) {
    // Now and then Chromium's trace misses the navigation (NO_NAVSTART) and Lighthouse asks to be run again: once.
    if (!String((error as { stderr?: string }).stderr).includes('Please run Lighthouse again')) throw error
    console.error(`Lighthouse asked to be run again for ${url}; running it once more`)
    out = run()
  }
  // LIGHTHOUSE_REPORTS=<dir> keeps each page's full report (bootup time per script, long tasks, …).
  if (process.env.LIGHTHOUSE_REPORTS) writeFileSync(`${process.env.LIGHTHOUSE_REPORTS}/lighthouse-${new URL(url).pathname.split('/')[1] || 'home'}.json`, out)
  return JSON.parse(out) as Report
}

const kib = (bytes: number | undefined) => `${((bytes ?? 0) / 1024).toFixed(1)} KiB`
const load = () => loadavg().map(n => n.toFixed(2)).join(' ')

async function main() {
  const teardown = await globalSetup()
  try {
    const baseURL = process.env.E2E_BASE_URL!
    const eventPath = await seedFirstVisitPages()
    console.log(`Lighthouse mobile (simulated throttling), load average before: ${load()}\n`)
    console.log('| page | performance | LCP | TBT | CLS | JS transferred | unused JS | CSS transferred | load average after |')
    console.log('|---|---|---|---|---|---|---|---|---|')
    for (const [name, path] of [['home', '/'], ['event', eventPath]] as const) {
      await fetch(`${baseURL}${path}`) // fills the page cache, as any earlier visitor would have
      const r = lighthouse(`${baseURL}${path}`)
      const bytesOf = (type: string) => r.audits['resource-summary']?.details?.items?.find(i => i.resourceType === type)?.transferSize
      console.log(`| ${name} | ${Math.round(r.categories.performance.score * 100)} | ${Math.round(r.audits['largest-contentful-paint']?.numericValue ?? 0)} ms | ${Math.round(r.audits['total-blocking-time']?.numericValue ?? 0)} ms | ${(r.audits['cumulative-layout-shift']?.numericValue ?? Number.NaN).toFixed(3)} | ${kib(bytesOf('script'))} | ${kib(r.audits['unused-javascript']?.details?.overallSavingsBytes)} | ${kib(bytesOf('stylesheet'))} | ${load()} |`)
    }
  } finally {
    await teardown()
  }
}

await main()
