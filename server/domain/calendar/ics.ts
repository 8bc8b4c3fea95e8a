// A minimal iCalendar (RFC 5545) writer for event invitations: the calendar.ics route serves it and
// the notifications worker attaches it to e-mails. Pure: no I/O, no clock unless none is given.

export interface IcsEvent {
  /** Globally unique and stable across updates, e.g. `<eventId>@bookify`. */
  uid: string
  start: Date
  end: Date
  summary: string
  description?: string
  location?: string
  url?: string
  status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED'
  /** Revision number; calendar clients apply the highest one. */
  sequence?: number
  lastModified?: Date
}

interface IcsOptions {
  /** DTSTAMP: when this calendar object was produced. */
  stamp?: Date
  method?: 'PUBLISH' | 'REQUEST' | 'CANCEL'
  prodId?: string
}

const CRLF = '\r\n'
const MAX_OCTETS = 75

/** TEXT values (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, line breaks as \n, other controls dropped. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000A-\u001F\u007F]/g, '')
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4
}

/** Content lines longer than 75 octets continue on lines that start with one space (§3.1), never splitting a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = []
  let current = ''
  let octets = 0
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0)!)
    const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1
    if (octets + size > limit) {
      parts.push(current)
      current = ''
      octets = 0
    }
    current += char
    octets += size
  }
  parts.push(current)
  return parts.join(`${CRLF} `)
}

/** A DATE-TIME in UTC form: 20270315T193000Z. */
export function formatUtc(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '')
}

function uri(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001F\u007F]/g, '')
}

function eventLines(event: IcsEvent, stamp: Date): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${formatUtc(stamp)}`,
    `DTSTART:${formatUtc(event.start)}`,
    `DTEND:${formatUtc(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
  ]
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`)
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`)
  if (event.url) lines.push(`URL:${uri(event.url)}`)
  if (event.status) lines.push(`STATUS:${event.status}`)
  if (event.sequence !== undefined) lines.push(`SEQUENCE:${Math.max(0, Math.floor(event.sequence))}`)
  if (event.lastModified) lines.push(`LAST-MODIFIED:${formatUtc(event.lastModified)}`)
  lines.push('END:VEVENT')
  return lines
}

/** A VCALENDAR with the given events, CRLF line endings and folded lines. */
export function buildIcs(events: IcsEvent[], options: IcsOptions = {}): string {
  const stamp = options.stamp ?? new Date()
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${options.prodId ?? '-//Bookify//Bookify Events//EN'}`,
    'CALSCALE:GREGORIAN',
    `METHOD:${options.method ?? 'PUBLISH'}`,
    ...events.flatMap(e => eventLines(e, stamp)),
    'END:VCALENDAR',
  ]
  return lines.map(foldLine).join(CRLF) + CRLF
}
