// An event's refund policy for buyers who cancel a card-paid booking. Organisers are not bound by
// it: they may cancel or refund any booking of their event (API.md, Payments).

export type RefundPolicy = { kind: 'NONE' } | { kind: 'UNTIL_HOURS_BEFORE', hours: number }

export function refundPolicyOf(event: { refundPolicy: 'NONE' | 'UNTIL_HOURS_BEFORE', refundHours: number | null }): RefundPolicy {
  return event.refundPolicy === 'NONE' ? { kind: 'NONE' } : { kind: 'UNTIL_HOURS_BEFORE', hours: event.refundHours ?? 0 }
}

/** The last moment a buyer's own cancellation is refunded, or null when it never is. */
export function refundDeadline(policy: RefundPolicy, startsAt: Date): Date | null {
  if (policy.kind === 'NONE') return null
  return new Date(startsAt.getTime() - policy.hours * 3_600_000)
}

export function buyerMayBeRefunded(policy: RefundPolicy, startsAt: Date, now: Date): boolean {
  const deadline = refundDeadline(policy, startsAt)
  return deadline !== null && now < deadline
}
