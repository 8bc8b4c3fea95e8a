// This process's refusal memo (server/domain/holds/refusal-memo.ts): created on first use, with the
// configured lifetime (REFUSAL_MEMO_MS, 0 turns it off), its refusals counted for /metrics.
import { Counter } from 'prom-client'
import { RefusalMemo } from '../domain/holds/refusal-memo.ts'
import { config } from '../config/env.ts'
import { metricsRegistry } from '../messaging/metrics.ts'

const refusedFromMemo = new Counter({
  name: 'bookify_hold_refusals_from_memo_total',
  help: 'Hold requests refused from the web process\'s memory of taken places, without a database call.',
  registers: [metricsRegistry],
})

let memo: RefusalMemo | null | undefined

export function useRefusalMemo(): RefusalMemo | undefined {
  if (memo === undefined) {
    const ttl = config().refusalMemoMs
    memo = ttl > 0 ? new RefusalMemo(ttl, Date.now, () => refusedFromMemo.inc()) : null
  }
  return memo ?? undefined
}
