// Every `code` the API can answer (docs/API.md, "Error codes"), listed once for the server and the
// browser. The server's status table (server/utils/api-error.ts) is keyed by it, so a code cannot
// exist without a status, and pages compare against it, so a misspelled code fails type-check.
export const ERROR_CODES = [
  // v1: request shape and transport (some raised by h3/Nitro itself)
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'BAD_REQUEST',
  'METHOD_NOT_ALLOWED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'ORIGIN_MISMATCH',
  'RATE_LIMITED',
  // v1: who is asking
  'UNAUTHENTICATED',
  'TOKEN_INVALID',
  'INVALID_CREDENTIALS',
  'REFRESH_INVALID',
  'REFRESH_REUSED',
  'ACCOUNT_DISABLED',
  'FORBIDDEN',
  // v1: what they asked about
  'NOT_FOUND',
  'UNKNOWN_TICKET',
  'UNKNOWN_USER',
  'NOT_CONFIGURED',
  'EMAIL_TAKEN',
  'CONFLICT',
  'SEATS_UNAVAILABLE',
  'SOLD_OUT',
  'ALREADY_CHECKED_IN',
  'INVENTORY_IN_USE',
  'EVENT_CANCELLED',
  'EVENT_STARTED',
  'HOLD_EXPIRED',
  // v1: the service itself
  'NOT_READY',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
  // v1.1 (docs/API.md, "New error codes" and the tables after it)
  'PROMO_INVALID',
  'ANSWERS_REQUIRED',
  'TYPE_UNAVAILABLE',
  'QUEUE_REQUIRED',
  'PAYMENT_REQUIRED',
  'SCOPE_DENIED',
  'REFUND_NOT_ALLOWED',
  'RESET_TOKEN_INVALID',
  // Bookify's own: an e-mailed team invitation that was used, revoked or has expired
  'INVITATION_INVALID',
  // v1.1 payments: a webhook without a valid Stripe signature; Stripe unreachable or refusing
  'WEBHOOK_SIGNATURE_INVALID',
  'PAYMENT_PROVIDER_UNAVAILABLE',
  // Integrations: a webhook URL on a loopback/private address (SSRF) or whose host does not resolve
  'WEBHOOK_TARGET_REFUSED',
] as const

export type ErrorCode = typeof ERROR_CODES[number]

const KNOWN: ReadonlySet<string> = new Set(ERROR_CODES)

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && KNOWN.has(value)
}
