// An event's payment settings (API.md, Payments): which methods it offers, its refund policy for
// buyers, the tax included in its prices and the seller printed on its invoices. Stored as columns
// of the event; the request speaks percent and policy objects, the row basis points and two columns.
import type { Prisma } from '../../db/client.ts'
import type { RefundPolicyInput } from '../../../shared/schemas/payments.ts'
import type { EventDetailDto, EventPaymentMethod } from '../../../shared/types/event.ts'
import { taxRateBpOf, taxRatePercent } from '../payments/money.ts'
import { refundPolicyOf } from '../payments/refund-policy.ts'

export interface PaymentSettingsInput {
  paymentMethods?: EventPaymentMethod[]
  refundPolicy?: RefundPolicyInput
  taxRatePercent?: number
  sellerDetails?: string
}

type SettingsRow = Pick<Prisma.EventModel, 'paymentMethods' | 'refundPolicy' | 'refundHours' | 'taxRateBp' | 'sellerDetails'>

/** The event columns the body sets (only those it names). */
export function paymentSettingsColumns(body: PaymentSettingsInput): Partial<SettingsRow> {
  const data: Partial<SettingsRow> = {}
  if (body.paymentMethods) data.paymentMethods = body.paymentMethods
  if (body.refundPolicy) {
    data.refundPolicy = body.refundPolicy.kind
    data.refundHours = body.refundPolicy.kind === 'UNTIL_HOURS_BEFORE' ? body.refundPolicy.hours : null
  }
  if (body.taxRatePercent !== undefined) data.taxRateBp = taxRateBpOf(body.taxRatePercent)
  if (body.sellerDetails !== undefined) data.sellerDetails = body.sellerDetails
  return data
}

/** The columns whose value really changes, and the body field names they came from (for the audit row). */
export function paymentSettingsChanges(event: SettingsRow, body: PaymentSettingsInput): { data: Partial<SettingsRow>, fields: string[] } {
  const wanted = paymentSettingsColumns(body)
  const data: Partial<SettingsRow> = {}
  const fields = new Set<string>()
  const field: Record<keyof SettingsRow, string> = {
    paymentMethods: 'paymentMethods', refundPolicy: 'refundPolicy', refundHours: 'refundPolicy', taxRateBp: 'taxRatePercent', sellerDetails: 'sellerDetails',
  }
  for (const [key, value] of Object.entries(wanted) as [keyof SettingsRow, never][]) {
    if (JSON.stringify(event[key]) === JSON.stringify(value)) continue
    data[key] = value
    fields.add(field[key])
  }
  return { data, fields: [...fields] }
}

export function paymentSettingsDto(event: SettingsRow): Pick<EventDetailDto, 'paymentMethods' | 'refundPolicy' | 'taxRatePercent' | 'sellerDetails'> {
  return {
    paymentMethods: event.paymentMethods.filter((m): m is EventPaymentMethod => m === 'card' || m === 'venue'),
    refundPolicy: refundPolicyOf(event),
    taxRatePercent: taxRatePercent(event.taxRateBp),
    sellerDetails: event.sellerDetails,
  }
}
