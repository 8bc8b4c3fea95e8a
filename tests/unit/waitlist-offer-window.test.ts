import { describe, expect, it } from 'vitest'
import { offerWindowMs } from '../../server/domain/waitlist/offers.ts'

const now = new Date('2026-06-01T12:00:00Z')
const hours = (h: number) => new Date(now.getTime() + h * 3_600_000)
const minutes = (ms: number) => ms / 60_000

describe('offerWindowMs', () => {
  it.each([
    [hours(24 * 30), 30],
    [hours(3), 30],
    [hours(1), 15],
    [hours(0.5), 7.5],
    [hours(0.1), 5],
    [hours(-1), 5],
  ])('for an event starting at %s gives %d minutes', (startsAt, expected) => {
    expect(minutes(offerWindowMs(startsAt, now))).toBe(expected)
  })
})
