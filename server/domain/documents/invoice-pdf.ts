// GET /api/bookings/:id/invoice.pdf: the booking's invoice and, on the pages after it, a credit note
// for each refund — each printed from its frozen row (numbers, parties, lines, tax), never recomputed.
import type { Db, Prisma } from '../../db/client.ts'
import { DomainError } from '../errors.ts'
import { documentNumber } from '../invoices/document-number.ts'
import type { InvoiceLine, InvoiceParty } from '../invoices/issue-documents.ts'
import { taxRatePercent } from '../payments/money.ts'
import { formatMinor } from './document-access.ts'
import { PdfWriter } from './pdf-writer.ts'

function party(pdf: PdfWriter, heading: string, p: InvoiceParty): void {
  pdf.text(heading, { size: 9, bold: true, muted: true }, { gapAfter: 0 })
  pdf.text(p.name, { bold: true }, { gapAfter: 0 })
  if (p.details) pdf.text(p.details, { size: 10 }, { gapAfter: 0 })
  if (p.email) pdf.text(p.email, { size: 10, muted: true }, { gapAfter: 0 })
  pdf.space(8)
}

function page(pdf: PdfWriter, doc: Prisma.InvoiceModel, context: { reference: string, eventTitle: string, timezone: string, invoiceNumber: string | null }): void {
  const credit = doc.kind === 'CREDIT_NOTE'
  const money = (cents: number) => formatMinor(credit ? -cents : cents, doc.currency)
  pdf.newPage()
  pdf.text('Bookify', { size: 10, bold: true, brand: true }, { gapAfter: 6 })
  pdf.text(`${credit ? 'Credit note' : 'Invoice'} ${documentNumber(doc.kind, doc.number)}`, { size: 22, bold: true }, { gapAfter: 6 })
  pdf.row('Issued', new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: context.timezone }).format(doc.issuedAt))
  if (credit && context.invoiceNumber) pdf.row('Credits', `invoice ${context.invoiceNumber}`)
  pdf.row('Booking', context.reference)
  pdf.row('Event', context.eventTitle)
  pdf.space(10)
  party(pdf, 'SELLER', doc.seller as unknown as InvoiceParty)
  party(pdf, 'BUYER', doc.buyer as unknown as InvoiceParty)
  pdf.rule()
  const right = pdf.width
  pdf.columns([{ text: 'Description', x: 0 }, { text: 'Qty', x: right - 170, align: 'right' }, { text: 'Unit', x: right - 90, align: 'right' }, { text: 'Amount', x: right, align: 'right' }], { bold: true })
  for (const line of doc.lines as unknown as InvoiceLine[]) {
    const top = pdf.cursor
    pdf.text(line.description, { size: 10 }, { width: right - 200, gapAfter: 0 })
    const below = pdf.cursor
    pdf.cursor = top
    pdf.columns([
      { text: String(line.quantity), x: right - 170, align: 'right' },
      { text: money(line.unitCents), x: right - 90, align: 'right' },
      { text: money(line.totalCents), x: right, align: 'right' },
    ])
    pdf.cursor = Math.min(below, pdf.cursor) - 2
  }
  pdf.rule()
  const rate = taxRatePercent(doc.taxRateBp)
  pdf.columns([{ text: 'Net', x: right - 90, align: 'right' }, { text: money(doc.totalCents - doc.taxCents), x: right, align: 'right' }])
  pdf.columns([{ text: `Tax ${rate} %`, x: right - 90, align: 'right' }, { text: money(doc.taxCents), x: right, align: 'right' }])
  pdf.columns([{ text: credit ? 'Total credited' : 'Total paid', x: right - 90, align: 'right' }, { text: money(doc.totalCents), x: right, align: 'right' }], { bold: true, size: 12 })
  pdf.space(18)
  pdf.text(credit ? 'Refunded to the card that paid.' : `Paid by card. Prices include ${rate} % tax.`, { size: 9, muted: true })
}

export async function invoicePdf(db: Db, bookingId: string): Promise<{ fileName: string, bytes: Uint8Array }> {
  const booking = await db.booking.findUnique({
    where: { id: bookingId },
    select: { reference: true, event: { select: { title: true, timezone: true } }, invoices: { orderBy: [{ kind: 'asc' }, { number: 'asc' }] } },
  })
  const invoice = booking?.invoices.find(d => d.kind === 'INVOICE')
  if (!booking || !invoice) throw new DomainError('NOT_FOUND', 'This booking has no invoice (only bookings paid by card have one).')
  const invoiceNumber = documentNumber('INVOICE', invoice.number)
  const pdf = await PdfWriter.create(`Invoice ${invoiceNumber}`)
  const context = { reference: booking.reference, eventTitle: booking.event.title, timezone: booking.event.timezone, invoiceNumber }
  for (const doc of booking.invoices) page(pdf, doc, context)
  return { fileName: `bookify-${invoiceNumber}.pdf`, bytes: await pdf.bytes() }
}
