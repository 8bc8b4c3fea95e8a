// The queue bench's table, as printed for the README.
import type { PollResult } from './poll-load.ts'

export interface QueueFigures {
  buyers: number
  places: number
  pollRate: number
  pollSeconds: number
  joinPerSecond: number
  poll: PollResult
  pgTransactions: { idle: number, idleSeconds: number, polling: number, pollingSeconds: number }
  pgPerStatus: number
  serverCpuPerStatusMs: number
  sse: { streams: number, failed: number, firstStatusP50: number, firstStatusP99: number, bytesPerStream: number }
  sale: { soldOutS: number, closedS: number, everyoneToldS: number, told: number, admitted: number, holdAttempts: number, placesHeld: number, booked: number, bookingStatus: Record<number, number>, refusedHolds: number, messages: number }
  direct: { soldOutS: number, seconds: number, placesGranted: number, p99: number, status: Record<number, number> }
}

const n = (x: number) => Math.round(x).toLocaleString('en-US')
const s = (x: number) => `${x.toFixed(2)} s`
const ms = (x: number) => `${x.toFixed(x >= 10 ? 1 : 2)} ms`

export function renderQueueReport(f: QueueFigures, run: { loadAtStart: string, loadAtEnd: string, seconds: number, node: string }): string {
  const ok = (cond: boolean) => (cond ? '✓' : '✗')
  const rows = [
    ['queued buyers', n(f.buyers), ''],
    ['joins (POST …/queue, 64 in flight, 2 instances)', `${n(f.joinPerSecond)} /s`, ''],
    [`status polls (GET …/queue/me, open loop ${n(f.pollRate)}/s for ${f.pollSeconds} s, admissions running)`, `${n(f.poll.answered)} answered, ${n(f.poll.errors)} errors, 200: ${n(f.poll.status[200] ?? 0)}`, ''],
    ['status p50 / p99 / max', `${ms(f.poll.p50)} / ${ms(f.poll.p99)} / ${ms(f.poll.max)}`, `${ok(f.poll.p99 < 50)} p99 < 50 ms`],
    ['web server CPU per status request (incl. the admitter meanwhile)', ms(f.serverCpuPerStatusMs), `one core: ~${n(1000 / Math.max(0.001, f.serverCpuPerStatusMs))} statuses/s`],
    ['PostgreSQL transactions: idle window / polling window', `${n(f.pgTransactions.idle)} in ${f.pgTransactions.idleSeconds.toFixed(1)} s / ${n(f.pgTransactions.polling)} in ${f.pgTransactions.pollingSeconds.toFixed(1)} s`, 'admitter only'],
    ['PostgreSQL queries per status request', f.pgPerStatus.toFixed(4), ok(f.pgPerStatus < 0.001)],
    ['SSE streams open (2 instances × ½)', `${n(f.sse.streams)} (${n(f.sse.failed)} failed)`, ''],
    ['first SSE status p50 / p99 (connect storm, 200 at a time)', `${ms(f.sse.firstStatusP50)} / ${ms(f.sse.firstStatusP99)}`, ''],
    ['server memory per SSE stream (RSS)', `${(f.sse.bytesPerStream / 1024).toFixed(1)} KiB`, ''],
    [`${n(f.places)}-place sale through the room: sale start → last place held`, s(f.sale.soldOutS), ''],
    ['… → room closed (sold out) / → all waiting told', f.sale.told > 0 ? `${s(f.sale.closedS)} / ${s(f.sale.everyoneToldS)} (${n(f.sale.told)} told)` : 'not within the deadline (0 told)', ''],
    ['… admitted / hold attempts / places held / bookings / refused holds', `${n(f.sale.admitted)} / ${n(f.sale.holdAttempts)} / ${n(f.sale.placesHeld)} / ${n(f.sale.booked)} / ${n(f.sale.refusedHolds)}`, `bookings by status ${JSON.stringify(f.sale.bookingStatus)}`],
    ['the same crowd straight at POST /api/holds (256 conns): start → last place held', s(f.direct.soldOutS), `${n(f.direct.placesGranted)} places; p99 ${ms(f.direct.p99)}; ${JSON.stringify(f.direct.status)}`],
  ]
  return [
    `Queue bench: ${n(f.buyers)} buyers, ${run.node}, ${run.seconds.toFixed(0)} s, load average ${run.loadAtStart} → ${run.loadAtEnd}`,
    '',
    '| measure | result | target / note |',
    '|---|---|---|',
    ...rows.map(r => `| ${r.join(' | ')} |`),
  ].join('\n')
}
