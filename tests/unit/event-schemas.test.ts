import { describe, expect, it } from 'vitest'
import { createEventBody, isIanaTimeZone, sectionInput, updateEventBody } from '../../shared/schemas/events.ts'

const DAY = 86_400_000
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString()

const seated = { name: 'Stalls', kind: 'SEATED', priceCents: 4500, currency: 'EUR', rows: 10, seatsPerRow: 20 }
const ga = { name: 'Standing', kind: 'GA', priceCents: 2500, currency: 'EUR', capacity: 300 }
const valid = {
  title: 'Fado ao Vivo',
  description: 'Songs of saudade.',
  category: 'Music',
  startsAt: inDays(10),
  endsAt: new Date(Date.now() + 10 * DAY + 3 * 3_600_000).toISOString(),
  timezone: 'Europe/Lisbon',
  venue: { name: 'Coliseu', address: 'Rua das Portas 96', city: 'Lisbon' },
  sections: [seated, ga],
}

function paths(result: { success: boolean, error?: { issues: { path: PropertyKey[] }[] } }): string[] {
  return result.error?.issues.map(i => i.path.map(String).join('.')) ?? []
}

describe('isIanaTimeZone', () => {
  it.each([
    ['Europe/Lisbon', true], ['America/Argentina/Buenos_Aires', true], ['UTC', true], ['Etc/GMT+5', true],
    ['Mars/Olympus_Mons', false], ['+01:00', false], ['', false], ['Europe/Lisbon; DROP', false], ['GMT+1:00', false],
  ])('%j → %s', (zone, expected) => {
    expect(isIanaTimeZone(zone)).toBe(expected)
  })
})

describe('createEventBody accepts', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['a seated and a GA section', {}, { sections: [expect.objectContaining({ name: 'Stalls' }), expect.objectContaining({ name: 'Standing' })] }],
    ['no description (defaults to empty)', { description: undefined }, { description: '' }],
    ['a hold length at the lower bound', { holdMinutes: 2 }, { holdMinutes: 2 }],
    ['a hold length at the upper bound', { holdMinutes: 60 }, { holdMinutes: 60 }],
    ['a free section', { sections: [{ ...ga, priceCents: 0 }] }, {}],
    ['the top price', { sections: [{ ...ga, priceCents: 10_000_000 }] }, {}],
    ['a seated capacity equal to rows × seats', { sections: [{ ...seated, capacity: 200 }] }, {}],
    ['exactly 20,000 places', { sections: [{ ...ga, capacity: 20_000 }] }, {}],
    ['a start with an offset', { startsAt: '2099-01-01T20:00:00+01:00', endsAt: '2099-01-01T23:00:00+01:00' }, {}],
    ['trimmed text', { title: '  Padded  ' }, { title: 'Padded' }],
  ])('%s', (_, patch, expected) => {
    const result = createEventBody.safeParse({ ...valid, ...patch })
    expect(paths(result)).toEqual([])
    expect(result.data).toMatchObject(expected)
  })
})

describe('createEventBody rejects, naming the field', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['a missing title', { title: undefined }, 'title'],
    ['a blank title', { title: '   ' }, 'title'],
    ['a missing category', { category: undefined }, 'category'],
    ['a start in the past', { startsAt: inDays(-1) }, 'startsAt'],
    ['an end before the start', { endsAt: inDays(9) }, 'endsAt'],
    ['an end equal to the start', { endsAt: valid.startsAt }, 'endsAt'],
    ['a date without time', { startsAt: '2099-01-01' }, 'startsAt'],
    ['a local time without offset', { startsAt: '2099-01-01T20:00:00' }, 'startsAt'],
    ['an unknown time zone', { timezone: 'Europe/Atlantis' }, 'timezone'],
    ['a UTC offset as zone', { timezone: '+02:00' }, 'timezone'],
    ['a venue without a city', { venue: { name: 'X', address: 'Y' } }, 'venue.city'],
    ['a hold length under 2', { holdMinutes: 1 }, 'holdMinutes'],
    ['a hold length over 60', { holdMinutes: 61 }, 'holdMinutes'],
    ['a fractional hold length', { holdMinutes: 5.5 }, 'holdMinutes'],
    ['no sections', { sections: [] }, 'sections'],
    ['21 sections', { sections: Array.from({ length: 21 }, (_, i) => ({ ...ga, name: `S${i}`, capacity: 10 })) }, 'sections'],
    ['more than 20,000 places', { sections: [{ ...ga, capacity: 15_000 }, { ...ga, name: 'More', capacity: 5_001 }] }, 'sections'],
    ['two sections with one name', { sections: [seated, { ...ga, name: 'stalls' }] }, 'sections.1.name'],
    ['two currencies', { sections: [seated, { ...ga, currency: 'GBP' }] }, 'sections.1.currency'],
    ['a lower-case currency', { sections: [{ ...ga, currency: 'eur' }] }, 'sections.0.currency'],
    ['a four-letter currency', { sections: [{ ...ga, currency: 'EURO' }] }, 'sections.0.currency'],
    ['a negative price', { sections: [{ ...ga, priceCents: -1 }] }, 'sections.0.priceCents'],
    ['a price above the limit', { sections: [{ ...ga, priceCents: 10_000_001 }] }, 'sections.0.priceCents'],
    ['a fractional price', { sections: [{ ...ga, priceCents: 12.5 }] }, 'sections.0.priceCents'],
    ['an unknown kind', { sections: [{ ...ga, kind: 'BOX' }] }, 'sections.0.kind'],
    ['a seated section without rows', { sections: [{ ...seated, rows: undefined }] }, 'sections.0.rows'],
    ['a seated section without seats per row', { sections: [{ ...seated, seatsPerRow: undefined }] }, 'sections.0.seatsPerRow'],
    ['a seated capacity that does not add up', { sections: [{ ...seated, capacity: 150 }] }, 'sections.0.capacity'],
    ['more than 52 rows', { sections: [{ ...seated, rows: 53 }] }, 'sections.0.rows'],
    ['more than 100 seats per row', { sections: [{ ...seated, seatsPerRow: 101 }] }, 'sections.0.seatsPerRow'],
    ['a GA section without capacity', { sections: [{ ...ga, capacity: undefined }] }, 'sections.0.capacity'],
    ['a GA section with rows', { sections: [{ ...ga, rows: 3 }] }, 'sections.0.rows'],
    ['a GA capacity of 0', { sections: [{ ...ga, capacity: 0 }] }, 'sections.0.capacity'],
    ['an unknown section field', { sections: [{ ...ga, vip: true }] }, 'sections.0'],
    ['an unknown top-level field', { status: 'PUBLISHED' }, ''],
  ])('%s → %s', (_, patch, field) => {
    const result = createEventBody.safeParse({ ...valid, ...patch })
    expect(result.success).toBe(false)
    expect(paths(result)).toContain(field)
  })
})

describe('sectionInput', () => {
  it.each([
    [{ ...seated, entrance: 'Door B' }, true],
    [{ ...seated, entrance: null }, true],
    [{ ...ga, rows: null, seatsPerRow: null }, true],
    [{ ...ga, entrance: 'x'.repeat(201) }, false],
    [{ ...seated, name: 'x'.repeat(101) }, false],
  ])('%j → valid: %s', (input, ok) => {
    expect(sectionInput.safeParse(input).success).toBe(ok)
  })
})

describe('updateEventBody', () => {
  const id = '0192c8a0-0000-7000-8000-000000000001'
  it.each<[string, Record<string, unknown>, string | null]>([
    ['a new title', { title: 'New' }, null],
    ['part of the venue', { venue: { city: 'Porto' } }, null],
    ['an existing section kept by id', { sections: [{ ...seated, id }] }, null],
    ['an existing and a new section', { sections: [{ ...seated, id }, ga] }, null],
    ['nothing at all', {}, ''],
    ['a start in the past', { startsAt: inDays(-2) }, 'startsAt'],
    ['an end before a new start', { startsAt: inDays(5), endsAt: inDays(4) }, 'endsAt'],
    ['a section id that is not a uuid', { sections: [{ ...seated, id: 'abc' }] }, 'sections.0.id'],
    ['one section twice', { sections: [{ ...seated, id }, { ...ga, id }] }, 'sections.1.id'],
    ['two currencies', { sections: [seated, { ...ga, currency: 'USD' }] }, 'sections.1.currency'],
    ['an empty section list', { sections: [] }, 'sections'],
    ['a status', { status: 'CANCELLED' }, ''],
    ['the organiser', { organiserId: id }, ''],
  ])('%s', (_, body, field) => {
    const result = updateEventBody.safeParse(body)
    if (field === null) expect(paths(result)).toEqual([])
    else expect(paths(result)).toContain(field)
  })
})
