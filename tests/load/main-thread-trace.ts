// `npx tsx tests/load/main-thread-trace.ts [--block-sw] [--event] [--wait=ms]`: a Chromium performance trace
// of a first visit (home page, or an event page with --event), with the page's CPU 4× slower, as
// Lighthouse's mobile run simulates it. Lighthouse calls some long tasks "Unattributable" (those started
// by the engine, e.g. promise callbacks, with no script URL on the task itself); this prints each task
// over 50 ms of the page's renderer (its main thread, and the service worker's thread) with the trace
// events that took its time and, from V8's sampling profiler, the JavaScript in it: per script that
// started it and per function (self time, minified name@chunk:line:column of the built app).
// --block-sw opens the page with service workers blocked, for comparison. TRACE_OUT=<file> keeps the
// raw events, TRACE_IN=<file> summarises a kept file again; TRACE_TOP=<n> lists n functions per task.
// Run it under the CPU lock on a shared machine; the durations follow the machine's load. The profiler makes
// V8 collect source positions as it compiles, so compile time reads longer than in Lighthouse's own trace.
import { readFileSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { chromium } from '@playwright/test'
import globalSetup from '../support/e2e-global-setup.ts'
import { seedFirstVisitPages } from './first-visit-pages.ts'

interface TraceEvent { name: string, cat: string, ph: string, ts: number, dur?: number, pid: number, tid: number, args?: { name?: string, data?: Record<string, unknown> } }

const args = process.argv.slice(2)
const blockSw = args.includes('--block-sw')
const onEvent = args.includes('--event')
const waitMs = Number(args.find(a => a.startsWith('--wait='))?.slice(7) ?? 10_000)

interface CallFrame { functionName: string, url: string, lineNumber?: number, columnNumber?: number }
interface ProfileNode { id: number, parent?: number, callFrame: CallFrame }
interface Sample { ts: number, dur: number, stack: CallFrame[] }

// V8's sampling profiler (category disabled-by-default-v8.cpu_profiler) writes "Profile" and
// "ProfileChunk" events per thread: nodes of the call tree, and samples as node ids with time deltas.
function samplesOf(events: TraceEvent[], pid: number, tid: number): Sample[] {
  const out: Sample[] = []
  const profiles = events.filter(e => e.name === 'Profile' && e.pid === pid && e.tid === tid)
  for (const profile of profiles) {
    const id = (profile as unknown as { id: string }).id
    const nodes = new Map<number, ProfileNode>()
    let ts = Number((profile.args?.data as { startTime?: number } | undefined)?.startTime ?? profile.ts)
    const chunks = events.filter(e => e.name === 'ProfileChunk' && (e as unknown as { id: string }).id === id && e.pid === pid).sort((a, b) => a.ts - b.ts)
    for (const chunk of chunks) {
      const data = chunk.args?.data as { cpuProfile?: { nodes?: ProfileNode[], samples?: number[] }, timeDeltas?: number[] }
      for (const node of data.cpuProfile?.nodes ?? []) nodes.set(node.id, node)
      const samples = data.cpuProfile?.samples ?? []
      samples.forEach((nodeId, i) => {
        ts += data.timeDeltas?.[i] ?? 0
        const stack: CallFrame[] = []
        for (let node = nodes.get(nodeId); node; node = node.parent === undefined ? undefined : nodes.get(node.parent)) stack.push(node.callFrame)
        out.push({ ts, dur: 0, stack })
      })
    }
  }
  out.sort((a, b) => a.ts - b.ts)
  out.forEach((s, i) => { s.dur = Math.min((out[i + 1]?.ts ?? s.ts) - s.ts, 2_000) })
  return out
}

const TOP = Number(process.env.TRACE_TOP ?? 5) // how many functions to list per task
const short = (url: string) => url.replace(/^https?:\/\/[^/]+/, '') || '(no script)'
const ms = (us: number) => (us / 1000).toFixed(0)
const topOf = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, d]) => `${k} ${ms(d)}`).join(', ')

// JavaScript time inside [from, to): per script that started it (the outermost frame with a URL, i.e. what
// Lighthouse would attribute the task to, if the task had a URL), and per function running (self time).
function jsIn(samples: Sample[], from: number, to: number): string {
  const byScript = new Map<string, number>()
  const bySelf = new Map<string, number>()
  for (const s of samples) {
    if (s.ts < from || s.ts >= to) continue
    const frames = s.stack.filter(f => !['(root)', '(program)', '(idle)'].includes(f.functionName))
    if (!frames.length) continue
    const outer = [...frames].reverse().find(f => f.url)
    const leaf = frames[0]!
    const script = outer ? short(outer.url) : `(${leaf.functionName || 'anonymous'})`
    byScript.set(script, (byScript.get(script) ?? 0) + s.dur)
    const self = leaf.url ? `${leaf.functionName || '(anonymous)'}@${short(leaf.url)}:${leaf.lineNumber ?? 0}:${leaf.columnNumber ?? 0}` : `(${leaf.functionName})`
    bySelf.set(self, (bySelf.get(self) ?? 0) + s.dur)
  }
  return byScript.size ? `\n    JS by script: ${topOf(byScript, 4)}\n    JS self: ${topOf(bySelf, TOP)}` : ''
}

function summarise(events: TraceEvent[]) {
  const threadName = new Map<string, string>()
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, String(e.args?.name))
  // The page's renderer is the one with the most main-thread work (another one only showed about:blank);
  // times are from its navigationStart, or from its first navigation commit. Events come unsorted.
  const busy = new Map<number, number>()
  for (const e of events) if (e.name === 'RunTask' && threadName.get(`${e.pid}:${e.tid}`) === 'CrRendererMain') busy.set(e.pid, (busy.get(e.pid) ?? 0) + (e.dur ?? 0))
  const rendererPid = [...busy].sort((a, b) => b[1] - a[1])[0]?.[0]
  const starts = events.filter(e => e.pid === rendererPid && (e.name === 'navigationStart' || e.name === 'DocumentLoader::CommitNavigation'))
  const t0 = Math.min(...(starts.some(e => e.name === 'navigationStart') ? starts.filter(e => e.name === 'navigationStart') : starts).map(e => e.ts))
  const tasks = events.filter(e => e.ph === 'X' && e.name === 'RunTask' && (e.dur ?? 0) > 50_000 && e.pid === rendererPid)
  const sampleCache = new Map<string, Sample[]>()
  const samplesByThread = (pid: number, tid: number) => {
    const key = `${pid}:${tid}`
    if (!sampleCache.has(key)) sampleCache.set(key, samplesOf(events, pid, tid))
    return sampleCache.get(key)!
  }
  for (const task of tasks.sort((a, b) => a.ts - b.ts)) {
    const inside = events.filter(e => e.pid === task.pid && e.tid === task.tid && e.ph === 'X' && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + task.dur! && e !== task)
    const byName = new Map<string, number>()
    for (const e of inside) byName.set(e.name, (byName.get(e.name) ?? 0) + (e.dur ?? 0))
    const top = [...byName].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([n, d]) => `${n} ${(d / 1000).toFixed(0)}`).join(', ')
    const urls = new Set(inside.map(e => (e.args?.data?.url ?? e.args?.data?.fileName) as string | undefined).filter(Boolean).map(u => u!.replace(/^https?:\/\/[^/]+/, '')))
    console.log(`${threadName.get(`${task.pid}:${task.tid}`) ?? task.tid} @${ms(task.ts - t0)} ms: ${ms(task.dur!)} ms — ${top}${urls.size ? `\n    urls: ${[...urls].slice(0, 8).join(' ')}` : ''}${jsIn(samplesByThread(task.pid, task.tid), task.ts, task.ts + task.dur!)}`)
  }
}

async function main() {
  const teardown = await globalSetup()
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
  try {
    const baseURL = process.env.E2E_BASE_URL!
    const eventPath = await seedFirstVisitPages()
    const path = onEvent ? eventPath : '/'
    await fetch(`${baseURL}${path}`)
    const context = await browser.newContext({ viewport: { width: 412, height: 823 }, serviceWorkers: blockSw ? 'block' : 'allow' })
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
    const events: TraceEvent[] = []
    cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])))
    const done = new Promise<void>(resolve => cdp.once('Tracing.tracingComplete', () => resolve()))
    await cdp.send('Tracing.start', { categories: 'blink.user_timing,devtools.timeline,disabled-by-default-devtools.timeline,v8,v8.execute,disabled-by-default-v8.compile,disabled-by-default-v8.cpu_profiler,blink,loading,toplevel,ServiceWorker,CacheStorage', transferMode: 'ReportEvents' })
    console.log(`load average ${loadavg().map(n => n.toFixed(2)).join(' ')}; ${path}; service workers ${blockSw ? 'blocked' : 'allowed'}`)
    await page.goto(`${baseURL}${path}`)
    await page.waitForTimeout(waitMs)
    const registered = await page.evaluate(() => navigator.serviceWorker?.getRegistration().then(r => r?.active?.state ?? r?.installing?.state ?? 'none'))
    await cdp.send('Tracing.end')
    await done
    console.log(`service worker: ${registered}`)
    if (process.env.TRACE_OUT) writeFileSync(process.env.TRACE_OUT, JSON.stringify(events))
    summarise(events)
  } finally {
    await browser.close()
    await teardown()
  }
}

if (process.env.TRACE_IN) summarise(JSON.parse(readFileSync(process.env.TRACE_IN, 'utf8')) as TraceEvent[])
else await main()
