import { describe, expect, it } from 'vitest'
import { buildIcs, type IcsEvent } from '../../server/domain/calendar/ics.ts'

const octets = (s: string) => new TextEncoder().encode(s).length

/** Undoes folding (CRLF + one space) the way a calendar client reads the file. */
function unfold(ics: string): string[] {
  return ics.replace(/\r\n /g, '').split('\r\n')
}

describe('buildIcs', () => {
  const event: IcsEvent = {
    uid: '0192c8a0-0000-7000-8000-000000000001@bookify',
    start: new Date('2027-03-15T19:30:00Z'),
    end: new Date('2027-03-15T22:00:00Z'),
    summary: 'Fado, Guitar; and Song',
    description: `First line\nSecond line with ${'a long text '.repeat(10)}`,
    location: 'Coliseu, Rua das Portas 96, Lisboa',
    url: 'https://bookify.example/events/0192c8a0-0000-7000-8000-000000000001',
    status: 'CONFIRMED',
  }
  const ics = buildIcs([event], { stamp: new Date('2027-01-01T12:00:00Z') })
  const lines = unfold(ics)

  it('uses CRLF line endings only and ends with one', () => {
    expect(ics.endsWith('\r\n')).toBe(true)
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
  })

  it('keeps every physical line within 75 octets', () => {
    for (const line of ics.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75)
  })

  it.each([
    ['BEGIN:VCALENDAR'],
    ['VERSION:2.0'],
    ['METHOD:PUBLISH'],
    ['BEGIN:VEVENT'],
    ['UID:0192c8a0-0000-7000-8000-000000000001@bookify'],
    ['DTSTAMP:20270101T120000Z'],
    ['DTSTART:20270315T193000Z'],
    ['DTEND:20270315T220000Z'],
    ['SUMMARY:Fado\\, Guitar\\; and Song'],
    ['LOCATION:Coliseu\\, Rua das Portas 96\\, Lisboa'],
    ['URL;VALUE=URI:https://bookify.example/events/0192c8a0-0000-7000-8000-000000000001'],
    ['STATUS:CONFIRMED'],
    ['END:VEVENT'],
    ['END:VCALENDAR'],
  ])('contains the line %s', (line) => {
    expect(lines).toContain(line)
  })

  it('escapes the description and keeps it whole across folds', () => {
    expect(lines.find(l => l.startsWith('DESCRIPTION:'))).toBe(`DESCRIPTION:First line\\nSecond line with ${'a long text '.repeat(10)}`)
  })

  it('never splits a multi-byte character across a fold, and unfolds to the text', () => {
    const text = `Café ${'é'.repeat(80)} 🎵${'🎵'.repeat(30)}`
    const folded = buildIcs([{ ...event, summary: text }], { stamp: new Date('2027-01-01T12:00:00Z') })
    for (const line of folded.split('\r\n')) {
      expect(octets(line)).toBeLessThanOrEqual(75)
      expect(line).not.toMatch(/\uFFFD/)
    }
    expect(unfold(folded)).toContain(`SUMMARY:${text}`)
  })

  it('writes a cancellation with its revision, and drops control characters', () => {
    const cancelled = unfold(buildIcs([{ ...event, summary: 'Bell\u0007 gone', status: 'CANCELLED', sequence: 3 }], { stamp: new Date('2027-01-01T12:00:00Z') }))
    expect(cancelled).toContain('STATUS:CANCELLED')
    expect(cancelled).toContain('SEQUENCE:3')
    expect(cancelled.find(l => l.startsWith('SUMMARY:'))).toBe('SUMMARY:Bell gone')
  })

  it('starts and ends the calendar in order, with a PRODID', () => {
    expect(lines[0]).toBe('BEGIN:VCALENDAR')
    expect(lines.at(-2)).toBe('END:VCALENDAR')
    expect(lines.some(l => l.startsWith('PRODID:'))).toBe(true)
  })
})
