// This process's refusal memo (server/domain/holds/refusal-memo.ts): created on first use, with the
// configured lifetime (REFUSAL_MEMO_MS, 0 turns it off), its refusals counted for /metrics.
import { RefusalMemo } from '../domain/holds/refusal-memo.ts'
import { config } from '../config/env.ts'
import { countMetric } from '../observability/web-metrics.ts'

let memo: RefusalMemo | null | undefined

export function useRefusalMemo(): RefusalMemo | undefined {
  if (memo === undefined) {
    const ttl = config().refusalMemoMs
    memo = ttl > 0 ? new RefusalMemo(ttl, Date.now, () => countMetric('hold_refusals_from_memo')) : null
  }
  return memo ?? undefined
}
