import { describe, expect, it } from 'vitest'
import { buildIcs, escapeText, foldLine, formatUtc, type IcsEvent } from '../../server/domain/calendar/ics.ts'

const octets = (s: string) => new TextEncoder().encode(s).length

/** Undoes folding (CRLF + one space) the way a calendar client reads the file. */
function unfold(ics: string): string[] {
  return ics.replace(/\r\n /g, '').split('\r\n')
}

describe('escapeText', () => {
  it.each([
    ['plain', 'plain'],
    ['Rock, paper; scissors', 'Rock\\, paper\\; scissors'],
    ['back\\slash', 'back\\\\slash'],
    ['line one\nline two', 'line one\\nline two'],
    ['windows\r\nbreak', 'windows\\nbreak'],
    ['old mac\rbreak', 'old mac\\nbreak'],
    ['a\\,b', 'a\\\\\\,b'],
    ['bell\u0007 gone', 'bell gone'],
    ['tab\tkept', 'tab\tkept'],
    ['Café – 10€', 'Café – 10€'],
  ])('%j → %j', (input, expected) => {
    expect(escapeText(input)).toBe(expected)
  })
})

describe('foldLine', () => {
  it.each([
    ['short line stays', 'SUMMARY:short', 1],
    ['exactly 75 octets stays', `SUMMARY:${'x'.repeat(67)}`, 1],
    ['76 octets folds once', `SUMMARY:${'x'.repeat(68)}`, 2],
    ['long ASCII folds many times', `DESCRIPTION:${'y'.repeat(400)}`, 6],
    ['multi-byte characters are never split', `SUMMARY:${'é'.repeat(100)}`, 3],
    ['four-byte characters are never split', `SUMMARY:${'🎵'.repeat(40)}`, 3],
  ])('%s', (_, line, parts) => {
    const folded = foldLine(line)
    const physical = folded.split('\r\n')
    expect(physical).toHaveLength(parts)
    for (const [i, part] of physical.entries()) {
      expect(octets(part)).toBeLessThanOrEqual(75)
      if (i > 0) expect(part.startsWith(' ')).toBe(true)
      expect(part).not.toMatch(/\uFFFD/)
    }
    expect(folded.replace(/\r\n /g, '')).toBe(line)
  })
})

describe('formatUtc', () => {
  it.each([
    ['2027-03-15T19:30:00.000Z', '20270315T193000Z'],
    ['2027-03-15T20:30:00+01:00', '20270315T193000Z'],
    ['2027-12-31T23:59:59.999Z', '20271231T235959Z'],
    ['2028-07-01T00:00:00-07:00', '20280701T070000Z'],
  ])('%s → %s', (iso, expected) => {
    expect(formatUtc(new Date(iso))).toBe(expected)
  })
})

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
    ['URL:https://bookify.example/events/0192c8a0-0000-7000-8000-000000000001'],
    ['STATUS:CONFIRMED'],
    ['END:VEVENT'],
    ['END:VCALENDAR'],
  ])('contains the line %s', (line) => {
    expect(lines).toContain(line)
  })

  it('escapes the description and keeps it whole across folds', () => {
    expect(lines.find(l => l.startsWith('DESCRIPTION:'))).toBe(`DESCRIPTION:First line\\nSecond line with ${'a long text '.repeat(10)}`)
  })

  it('starts and ends the calendar in order, with a PRODID', () => {
    expect(lines[0]).toBe('BEGIN:VCALENDAR')
    expect(lines.at(-2)).toBe('END:VCALENDAR')
    expect(lines.some(l => l.startsWith('PRODID:'))).toBe(true)
  })
})
