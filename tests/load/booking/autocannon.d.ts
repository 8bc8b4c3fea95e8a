// The few parts of autocannon's API the booking benchmark uses (the package ships no types).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events'

  interface AutocannonRequest {
    method?: string
    path?: string
    headers?: Record<string, string>
    body?: string
    setupRequest?: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest
    onResponse?: (status: number, body: string, context: Record<string, unknown>) => void
  }

  interface AutocannonOptions {
    url: string
    connections: number
    headers?: Record<string, string>
    amount?: number
    duration?: number
    timeout?: number
    requests?: AutocannonRequest[]
  }

  interface AutocannonResult {
    errors: number
    timeouts: number
    start: Date
    finish: Date
    statusCodeStats: Record<string, { count: number }>
  }

  interface Instance extends EventEmitter {
    stop(): void
  }

  function autocannon(options: AutocannonOptions, callback: (err: Error | null, result: AutocannonResult) => void): Instance
  export default autocannon
}
