// Seat statuses packed 2 bits a seat come back exactly, in order, at any length.
import { describe, expect, it } from 'vitest'
import { decodeStatuses, encodeStatuses } from '../../shared/seat-map/status-codec.ts'
import type { PlaceStatus } from '../../shared/types/event.ts'

const ALL: PlaceStatus[] = ['AVAILABLE', 'HELD', 'BOOKED']

describe('seat status codec', () => {
  it('round-trips every length from 0 to 13 and a 10,000-seat arena', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 7, 8, 9, 13, 10_000]) {
      const statuses = Array.from({ length: n }, (_, i) => ALL[(i * 7 + (i >> 3)) % 3]!)
      expect(decodeStatuses(encodeStatuses(statuses), n)).toEqual(statuses)
    }
  })

  it('packs 10,000 seats into 3,336 base64 characters', () => {
    expect(encodeStatuses(Array.from<PlaceStatus>({ length: 10_000 }).fill('AVAILABLE'))).toHaveLength(3_336)
  })

  it('reads seats past the end as not sellable', () => {
    expect(decodeStatuses(encodeStatuses(['AVAILABLE']), 6)).toEqual(['AVAILABLE', 'AVAILABLE', 'AVAILABLE', 'AVAILABLE', 'BOOKED', 'BOOKED'])
  })
})
