import { describe, expect, it } from 'vitest'
import { attendeesCsv, csvField, csvFileName, toCsv } from '../../server/domain/organising/attendees-csv.ts'
import { checkInBody, checkInSyncBody } from '../../shared/schemas/organising.ts'

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['=SUM(A1:A2)', '\'=SUM(A1:A2)'],
    ['@handle', '\'@handle'],
    ['-1,5', '"\'-1,5"'],
    [12.5, '12.5'],
    [null, ''],
    [undefined, ''],
  ])('%j → %j', (input, expected) => {
    expect(csvField(input)).toBe(expected)
  })
})

describe('toCsv', () => {
  it('starts with a BOM, ends every record with CRLF', () => {
    expect(toCsv(['A', 'B'], [['1', 'x,y'], ['2', null]])).toBe('\uFEFFA,B\r\n1,"x,y"\r\n2,\r\n')
  })

  it('writes one attendee per line in the documented columns', () => {
    const csv = attendeesCsv([{
      ticketId: 't', ticketCode: 'CODE', bookingId: 'b', holder: { name: 'Zoë "Z" Lee', email: 'z@example.test' }, seat: { label: 'A1', row: 'A', number: 1 },
      section: { name: 'Stalls', kind: 'SEATED' }, ticketType: { name: 'Child' }, promoCode: 'SPRING', bookingReference: 'BK-1',
      payment: { status: 'DUE_AT_VENUE', amount: { amountCents: 4550, currency: 'EUR' } }, due: { amountCents: 4550, currency: 'EUR' },
      answers: { q1: ['Vegan', 'Nut-free'], q2: true }, checkedInAt: '2026-12-04T20:01:00.000Z',
    }], [{ id: 'q1', label: 'Dietary needs' }, { id: 'q2', label: 'Waiver' }, { id: 'q3', label: 'Company' }])
    expect(csv.split('\r\n')[0]).toBe('\uFEFFName,E-mail,Section,Seat,Ticket type,Promo code,Booking reference,Payment,Amount,Currency,Checked in at,Dietary needs,Waiver,Company')
    expect(csv.split('\r\n')[1]).toBe('"Zoë ""Z"" Lee",z@example.test,Stalls,A1,Child,SPRING,BK-1,DUE_AT_VENUE,45.50,EUR,2026-12-04T20:01:00.000Z,Vegan; Nut-free,yes,')
  })
})

describe('csvFileName', () => {
  it.each([
    ['Fado, Guitar; and Song', 'attendees-fado-guitar-and-song.csv'],
    ['Café "Noir" / Night', 'attendees-cafe-noir-night.csv'],
    ['!!!', 'attendees-event.csv'],
  ])('%j → %j', (title, expected) => {
    expect(csvFileName(title)).toBe(expected)
  })
})

describe('check-in schemas', () => {
  it('normalises a typed code: spaces and dashes dropped, upper case', () => {
    expect(checkInBody.parse({ ticketCode: ' abcd-efgh 1234 ' }).ticketCode).toBe('ABCDEFGH1234')
  })

  it.each([
    [{ ticketCode: '' }, 'ticketCode'],
    [{ ticketCode: 'X', scannedAt: 'now' }, 'scannedAt'],
    [{ ticketCode: 'X', extra: 1 }, ''],
  ])('refuses %j', (body, path) => {
    const result = checkInBody.safeParse(body)
    expect(result.success).toBe(false)
    expect(result.error!.issues[0]!.path.join('.')).toBe(path)
  })

  it('caps a sync upload at 500 scans', () => {
    const scans = Array.from({ length: 501 }, () => ({ ticketCode: 'X', scannedAt: '2026-01-01T00:00:00Z' }))
    expect(checkInSyncBody.safeParse({ deviceId: 'd', scans }).success).toBe(false)
  })
})
