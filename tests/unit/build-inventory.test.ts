import { describe, expect, it } from 'vitest'
import { DomainError } from '../../server/domain/errors.ts'
import { AISLE_GAP, buildInventory, ROW_PITCH, rowLabel, SEAT_PITCH, sectionCapacity, type SectionSpec } from '../../server/domain/events/build-inventory.ts'

describe('rowLabel', () => {
  it.each([
    [0, 'A'], [1, 'B'], [25, 'Z'], [26, 'AA'], [27, 'AB'], [51, 'AZ'], [52, 'BA'], [701, 'ZZ'], [702, 'AAA'],
  ])('row index %i is %s', (index, label) => {
    expect(rowLabel(index)).toBe(label)
  })
})

describe('sectionCapacity and buildInventory counts', () => {
  it.each<[string, SectionSpec, number]>([
    ['stalls 8×12', { name: 'Stalls', kind: 'SEATED', rows: 8, seatsPerRow: 12 }, 96],
    ['balcony 4×10', { name: 'Balcony', kind: 'SEATED', rows: 4, seatsPerRow: 10 }, 40],
    ['single seat', { name: 'Box', kind: 'SEATED', rows: 1, seatsPerRow: 1 }, 1],
    ['largest seated', { name: 'Arena', kind: 'SEATED', rows: 52, seatsPerRow: 100 }, 5200],
    ['seated with matching capacity', { name: 'Stalls', kind: 'SEATED', rows: 2, seatsPerRow: 3, capacity: 6 }, 6],
    ['standing 200', { name: 'Standing', kind: 'GA', capacity: 200 }, 200],
    ['largest GA', { name: 'Field', kind: 'GA', capacity: 100_000 }, 100_000],
  ])('%s holds %i places', (_, spec, expected) => {
    expect(sectionCapacity(spec)).toBe(expected)
    const places = buildInventory(spec)
    expect(places).toHaveLength(expected)
    expect(new Set(places.map(p => p.label)).size).toBe(expected)
  })
})

describe('seated labels and positions', () => {
  const places = buildInventory({ name: 'Stalls', kind: 'SEATED', rows: 28, seatsPerRow: 20 })
  const byLabel = new Map(places.map(p => [p.label, p]))

  it.each([
    ['A1', 'A', 1], ['A20', 'A', 20], ['Z1', 'Z', 1], ['AA1', 'AA', 1], ['AB20', 'AB', 20],
  ])('%s is row %s seat %i', (label, row, number) => {
    expect(byLabel.get(label)).toMatchObject({ rowLabel: row, number })
  })

  it('lays seats out left to right, rows front to back, with a centre aisle in wide rows', () => {
    expect(byLabel.get('A1')).toMatchObject({ x: 0, y: 0 })
    expect(byLabel.get('A10')).toMatchObject({ x: 9 * SEAT_PITCH })
    expect(byLabel.get('A11')).toMatchObject({ x: 10 * SEAT_PITCH + AISLE_GAP })
    expect(byLabel.get('C1')).toMatchObject({ y: 2 * ROW_PITCH })
  })

  it('leaves narrow rows without an aisle', () => {
    const narrow = buildInventory({ name: 'Balcony', kind: 'SEATED', rows: 1, seatsPerRow: 10 })
    expect(narrow.map(p => p.x)).toEqual(Array.from({ length: 10 }, (_, i) => i * SEAT_PITCH))
  })
})

describe('general admission', () => {
  it('labels units GA-1… with numbers and no position', () => {
    const units = buildInventory({ name: 'Standing', kind: 'GA', capacity: 3 })
    expect(units).toEqual([
      { label: 'GA-1', rowLabel: null, number: 1, x: null, y: null },
      { label: 'GA-2', rowLabel: null, number: 2, x: null, y: null },
      { label: 'GA-3', rowLabel: null, number: 3, x: null, y: null },
    ])
  })
})

describe('bounds', () => {
  it.each<[string, SectionSpec, string]>([
    ['too many rows', { name: 'S', kind: 'SEATED', rows: 53, seatsPerRow: 10 }, 'rows'],
    ['zero rows', { name: 'S', kind: 'SEATED', rows: 0, seatsPerRow: 10 }, 'rows'],
    ['missing rows', { name: 'S', kind: 'SEATED', seatsPerRow: 10 }, 'rows'],
    ['too many seats per row', { name: 'S', kind: 'SEATED', rows: 5, seatsPerRow: 101 }, 'seatsPerRow'],
    ['fractional seats', { name: 'S', kind: 'SEATED', rows: 5, seatsPerRow: 2.5 }, 'seatsPerRow'],
    ['seated capacity mismatch', { name: 'S', kind: 'SEATED', rows: 2, seatsPerRow: 2, capacity: 5 }, 'capacity'],
    ['GA over the limit', { name: 'G', kind: 'GA', capacity: 100_001 }, 'capacity'],
    ['GA without capacity', { name: 'G', kind: 'GA' }, 'capacity'],
    ['negative GA', { name: 'G', kind: 'GA', capacity: -1 }, 'capacity'],
    ['unknown kind', { name: 'X', kind: 'BOX' as 'GA', capacity: 1 }, 'kind'],
  ])('%s is rejected', (_, spec, field) => {
    const attempt = () => buildInventory(spec)
    expect(attempt).toThrow(DomainError)
    try { attempt() } catch (error) {
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field } })
    }
  })
})
