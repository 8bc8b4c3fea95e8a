// RFC 4180 CSV for spreadsheets: CRLF line ends, fields quoted when they hold a comma, quote, CR or
// LF (quotes doubled), and a UTF-8 byte order mark so Excel reads accents right. A cell that a
// spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe.
import type { AnswerValue } from '../../../shared/types/booking.ts'
import type { AttendeeDto } from '../../../shared/types/organising.ts'
import type { QuestionDto } from '../../../shared/types/pricing.ts'

const BOM = '\uFEFF'
const FORMULA_START = /^[=+\-@\t\r]/

export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  let text = String(value)
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  return BOM + [header, ...rows].map(r => r.map(csvField).join(',')).join('\r\n') + '\r\n'
}

const ATTENDEE_COLUMNS = ['Name', 'E-mail', 'Section', 'Seat', 'Ticket type', 'Promo code', 'Booking reference', 'Payment', 'Amount', 'Currency', 'Checked in at']

function answerCell(value: AnswerValue | undefined): string {
  if (value === undefined) return ''
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  return Array.isArray(value) ? value.join('; ') : value
}

/** One row per attendee; one column per checkout question (retired ones left out), headed by its label. */
export function attendeesCsv(attendees: AttendeeDto[], questions: Pick<QuestionDto, 'id' | 'label'>[] = []): string {
  return toCsv([...ATTENDEE_COLUMNS, ...questions.map(q => q.label)], attendees.map(a => [
    a.holder.name, a.holder.email, a.section.name, a.seat.label, a.ticketType.name, a.promoCode, a.bookingReference,
    a.payment.status, (a.payment.amount.amountCents / 100).toFixed(2), a.payment.amount.currency, a.checkedInAt,
    ...questions.map(q => answerCell(a.answers[q.id])),
  ]))
}

/** A file name that is safe in a Content-Disposition header. */
export function csvFileName(title: string): string {
  const slug = title.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/\s+/g, '-').toLowerCase().slice(0, 60)
  return `attendees-${slug || 'event'}.csv`
}
