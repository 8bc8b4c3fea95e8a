// Who may read /metrics. With METRICS_TOKEN set, a scraper must send it as a Bearer token (Prometheus:
// `authorization: { credentials: … }`); the figures (routes, volumes, queue depths) are not for the
// public. Unset, /metrics is open — fine on a private network, the README says to set it otherwise.
// Shared by the web route and the workers' own metrics servers.
import { createHash, timingSafeEqual } from 'node:crypto'

const digest = (value: string) => createHash('sha256').update(value).digest()

export function metricsAccessAllowed(authorization: string | undefined, token: string | undefined): boolean {
  if (!token) return true
  const presented = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1]
  // Compared as digests: equal length, constant time, and the token's length is not revealed.
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token))
}
