// A search index problem the web process works around (stale index, Redis down): a warning line.
import { useLogger } from '../../observability/logger.ts'

export function logSearchProblem(msg: string, error?: unknown): void {
  useLogger().warn(error === undefined ? {} : { err: String((error as Error)?.message ?? error) }, `search index: ${msg}`)
}
