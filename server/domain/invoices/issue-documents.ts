// Issuing invoices and credit notes inside the transaction that confirms a paid booking or settles
// a refund. Numbers come from a counter row per organiser and kind, incremented in that same
// transaction: a rollback gives the number back, and concurrent issuers queue on the row, so each
// organiser's numbers run 1, 2, 3… with no gap and no repeat (a sequence would leave gaps). The
// document is frozen at issue time: seller, buyer and lines are copied, never re-read.
import type { Prisma } from '../../db/client.ts'
import type { Tx } from '../ports.ts'
import { taxIncluded } from '../payments/money.ts'
import { documentNumber, type DocumentKind } from './document-number.ts'

export interface InvoiceLine {
  description: string
  quantity: number
  unitCents: number
  totalCents: number
}

export interface InvoiceParty {
  name: string
  email?: string
  details?: string
}

/**
 * The next number of an organiser's invoices or credit notes, and the document's issue time. The
 * row stays locked until commit, so the next issuer gets its number only after this one committed;
 * taking the time here (clock_timestamp, not the transaction's start) keeps dates in number order.
 */
export async function nextDocument(tx: Tx, organiserId: string, kind: DocumentKind): Promise<{ number: number, issuedAt: Date }> {
  const [row] = await tx.$queryRaw<{ last_number: number, issued_at: Date }[]>`
    INSERT INTO invoice_counters (organiser_id, kind, last_number) VALUES (${organiserId}::uuid, ${kind}::"InvoiceKind", 1)
    ON CONFLICT (organiser_id, kind) DO UPDATE SET last_number = invoice_counters.last_number + 1
    RETURNING last_number, clock_timestamp() AS issued_at`
  return { number: row!.last_number, issuedAt: row!.issued_at }
}

export async function nextDocumentNumber(tx: Tx, organiserId: string, kind: DocumentKind): Promise<number> {
  return (await nextDocument(tx, organiserId, kind)).number
}

async function parties(tx: Tx, bookingId: string) {
  const b = await tx.booking.findUniqueOrThrow({
    where: { id: bookingId },
    select: {
      id: true, reference: true, currency: true, paidCents: true,
      user: { select: { name: true, email: true } },
      event: { select: { title: true, organiserId: true, taxRateBp: true, sellerDetails: true, organiser: { select: { name: true, email: true } } } },
      tickets: { where: { voidedAt: null }, orderBy: { createdAt: 'asc' }, select: { priceCents: true, discountCents: true, ticketType: { select: { name: true } }, place: { select: { label: true, section: { select: { name: true, kind: true } } } } } },
    },
  })
  const seller: InvoiceParty = { name: b.event.organiser.name, email: b.event.organiser.email, ...(b.event.sellerDetails ? { details: b.event.sellerDetails } : {}) }
  const buyer: InvoiceParty = { name: b.user.name, email: b.user.email }
  return { b, seller, buyer }
}

interface InvoiceTicket {
  priceCents: number
  discountCents: number
  ticketType: { name: string }
  place: { label: string, section: { name: string, kind: string } }
}

/** Lines of a booking: its tickets grouped by section, type and price paid ("Stalls · Adult (A3, A4)" × 2). */
function ticketLines(title: string, tickets: InvoiceTicket[]): InvoiceLine[] {
  const groups = new Map<string, { section: string, seated: boolean, labels: string[], unit: number }>()
  for (const t of tickets) {
    const key = `${t.place.section.name}\u0000${t.ticketType.name}\u0000${t.priceCents}`
    const section = `${t.place.section.name} · ${t.ticketType.name}${t.discountCents > 0 ? ' (discounted)' : ''}`
    const group = groups.get(key) ?? { section, seated: t.place.section.kind === 'SEATED', labels: [], unit: t.priceCents }
    group.labels.push(t.place.label)
    groups.set(key, group)
  }
  return [...groups.values()].map(g => ({
    description: `${title}: ${g.section}${g.seated ? ` (${g.labels.join(', ')})` : ''}`,
    quantity: g.labels.length,
    unitCents: g.unit,
    totalCents: g.unit * g.labels.length,
  }))
}

/** The invoice of a booking just paid; a second call for the same booking is refused by the database. */
export async function issueInvoice(tx: Tx, bookingId: string): Promise<void> {
  const { b, seller, buyer } = await parties(tx, bookingId)
  const lines = ticketLines(b.event.title, b.tickets)
  const total = b.paidCents
  const { number, issuedAt } = await nextDocument(tx, b.event.organiserId, 'INVOICE')
  await tx.invoice.create({
    data: {
      organiserId: b.event.organiserId, kind: 'INVOICE', number, bookingId, currency: b.currency,
      totalCents: total, taxCents: taxIncluded(total, b.event.taxRateBp), taxRateBp: b.event.taxRateBp,
      seller: { ...seller }, buyer: { ...buyer }, lines: lines as unknown as Prisma.InputJsonValue, issuedAt,
    },
  })
}

const REFUND_WORDS: Record<string, string> = {
  BOOKING_CANCELLED: 'booking cancelled',
  ORGANISER: 'refund by the organiser',
  EVENT_CANCELLED: 'event cancelled',
  PLACES_LOST: 'places no longer available',
  PROVIDER: 'refund',
}

/** The credit note of a refund that succeeded, when its booking was invoiced; once per refund. */
export async function issueCreditNote(tx: Tx, refundId: string): Promise<void> {
  const refund = await tx.refund.findUniqueOrThrow({ where: { id: refundId }, include: { creditNote: { select: { id: true } } } })
  if (refund.creditNote) return
  const invoice = await tx.invoice.findFirst({ where: { bookingId: refund.bookingId, kind: 'INVOICE' } })
  if (!invoice) return // nothing was invoiced (e.g. paid after the places were gone): nothing to credit
  const { number, issuedAt } = await nextDocument(tx, invoice.organiserId, 'CREDIT_NOTE')
  const lines: InvoiceLine[] = [{
    description: `Credit for invoice ${documentNumber('INVOICE', invoice.number)} — ${REFUND_WORDS[refund.reason] ?? 'refund'}${refund.note ? `: ${refund.note}` : ''}`,
    quantity: 1, unitCents: refund.amountCents, totalCents: refund.amountCents,
  }]
  await tx.invoice.create({
    data: {
      organiserId: invoice.organiserId, kind: 'CREDIT_NOTE', number, bookingId: refund.bookingId, refundId, currency: refund.currency,
      totalCents: refund.amountCents, taxCents: taxIncluded(refund.amountCents, invoice.taxRateBp), taxRateBp: invoice.taxRateBp,
      seller: invoice.seller as Prisma.InputJsonValue, buyer: invoice.buyer as Prisma.InputJsonValue, lines: lines as unknown as Prisma.InputJsonValue, issuedAt,
    },
  })
}
