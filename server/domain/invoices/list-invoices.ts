// GET /api/organiser/invoices: every invoice and credit note issued for the caller's events, newest
// first, as JSON pages or as one CSV file (for the accountant).
import type { Db } from '../../db/client.ts'
import type { InvoiceSummaryDto } from '../../../shared/types/booking.ts'
import type { Page } from '../../../shared/types/event.ts'
import { toCsv } from '../organising/attendees-csv.ts'
import { taxRatePercent } from '../payments/money.ts'
import { documentNumber } from './document-number.ts'
import type { InvoiceParty } from './issue-documents.ts'

const select = {
  id: true, kind: true, number: true, issuedAt: true, bookingId: true, currency: true, totalCents: true, taxCents: true, taxRateBp: true, buyer: true,
  booking: { select: { reference: true, event: { select: { id: true, title: true } } } },
} as const

type Row = Awaited<ReturnType<typeof rows>>[number]

function rows(db: Db, organiserId: string, skip?: number, take?: number) {
  return db.invoice.findMany({ where: { organiserId }, orderBy: [{ issuedAt: 'desc' }, { kind: 'desc' }, { number: 'desc' }], skip, take, select })
}

function toDto(r: Row): InvoiceSummaryDto {
  const buyer = r.buyer as unknown as InvoiceParty
  return {
    id: r.id,
    kind: r.kind,
    number: documentNumber(r.kind, r.number),
    issuedAt: r.issuedAt.toISOString(),
    bookingId: r.bookingId,
    bookingReference: r.booking.reference,
    event: r.booking.event,
    buyer: { name: buyer.name, email: buyer.email ?? null },
    total: { amountCents: r.totalCents, currency: r.currency },
    tax: { amountCents: r.taxCents, currency: r.currency },
    taxRatePercent: taxRatePercent(r.taxRateBp),
  }
}

export async function listInvoices(db: Db, organiserId: string, page: number, pageSize: number): Promise<Page<InvoiceSummaryDto>> {
  const [total, found] = await Promise.all([db.invoice.count({ where: { organiserId } }), rows(db, organiserId, (page - 1) * pageSize, pageSize)])
  return { items: found.map(toDto), page, pageSize, total }
}

export const INVOICE_COLUMNS = ['Number', 'Kind', 'Issued at', 'Booking reference', 'Event', 'Buyer', 'Buyer e-mail', 'Net', 'Tax', 'Gross', 'Tax rate %', 'Currency']

export async function invoicesCsv(db: Db, organiserId: string): Promise<{ fileName: string, csv: string }> {
  const all = (await rows(db, organiserId)).map(toDto).reverse()
  const amount = (d: InvoiceSummaryDto, cents: number) => ((d.kind === 'CREDIT_NOTE' ? -cents : cents) / 100).toFixed(2)
  const csv = toCsv(INVOICE_COLUMNS, all.map(d => [
    d.number, d.kind === 'INVOICE' ? 'invoice' : 'credit note', d.issuedAt, d.bookingReference, d.event.title, d.buyer.name, d.buyer.email,
    amount(d, d.total.amountCents - d.tax.amountCents), amount(d, d.tax.amountCents), amount(d, d.total.amountCents), d.taxRatePercent, d.total.currency,
  ]))
  return { fileName: `bookify-invoices-${new Date().toISOString().slice(0, 10)}.csv`, csv }
}
