// Reading googleapis (gaxios) errors: what a failed call means for the sync.

interface GaxiosLike {
  status?: number
  code?: string | number
  message?: string
  response?: { status?: number, data?: unknown }
}

function statusOf(err: unknown): number | undefined {
  const e = err as GaxiosLike | undefined
  const status = e?.response?.status ?? e?.status ?? (typeof e?.code === 'number' ? e.code : Number(e?.code))
  return Number.isFinite(status) ? Number(status) : undefined
}

function reasonsOf(err: unknown): string[] {
  const data = (err as GaxiosLike | undefined)?.response?.data as { error?: { errors?: { reason?: string }[], status?: string } | string } | undefined
  if (!data || typeof data.error !== 'object') return []
  return (data.error.errors ?? []).map(e => e.reason ?? '').concat(data.error.status ?? '')
}

/** The refresh token was revoked or expired (or there is none): the link is dead. */
export function isGrantRevoked(err: unknown): boolean {
  const e = err as GaxiosLike | undefined
  const data = e?.response?.data as { error?: unknown } | undefined
  return data?.error === 'invalid_grant' || /invalid_grant|No refresh token is set/i.test(e?.message ?? '')
}

/** 429, or 403 with a rate-limit reason: try again later. */
export function isRateLimited(err: unknown): boolean {
  const status = statusOf(err)
  if (status === 429) return true
  return status === 403 && reasonsOf(err).some(r => /rateLimitExceeded|userRateLimitExceeded|quotaExceeded|RESOURCE_EXHAUSTED/.test(r))
}

export function isGone(err: unknown): boolean {
  const status = statusOf(err)
  return status === 404 || status === 410
}

export function isDuplicate(err: unknown): boolean {
  return statusOf(err) === 409
}

/** Thrown so the consumer runtime retries the message with its backoff. */
export class GoogleRateLimitedError extends Error {
  constructor(cause: unknown) {
    super('Google Calendar rate limit; retrying later', { cause })
    this.name = 'GoogleRateLimitedError'
  }
}
