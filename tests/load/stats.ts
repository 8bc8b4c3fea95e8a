// Timing helpers for the benchmarks: percentiles of per-call latencies, in milliseconds.
export interface Latency {
  p50: number
  p99: number
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

/** Runs each input once to warm up, then times each run of `fn` over the inputs. */
export async function measure<T>(inputs: T[], fn: (input: T) => unknown, warmup = 20): Promise<Latency> {
  for (const input of inputs.slice(0, warmup)) await fn(input)
  const times: number[] = []
  for (const input of inputs) {
    const start = performance.now()
    await fn(input)
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return { p50: percentile(times, 50), p99: percentile(times, 99) }
}

export function timed<T>(fn: () => T): [T, number] {
  const start = performance.now()
  const result = fn()
  return [result, performance.now() - start]
}

export async function timedAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now()
  const result = await fn()
  return [result, performance.now() - start]
}

export const ms = (value: number) => (value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(value >= 10 ? 1 : 2)} ms`)
export const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(2)} MB`
