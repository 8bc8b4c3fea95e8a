// A booking chosen offline queues its attendees' answers by slot; once the hold is made, each slot
// becomes the place the hold gave it: a seat is its own place, the n-th GA place of a section is
// the hold's n-th place of that section.
import { describe, expect, it } from 'vitest'
import { answersForHold, gaSlot } from '../../app/utils/offline-answers.ts'

const item = (placeId: string, sectionId: string, kind: 'SEATED' | 'GA') => ({ placeId, sectionId, kind })

describe('answersForHold', () => {
  const hold = { items: [item('seat-a1', 'stalls', 'SEATED'), item('ga-1', 'floor', 'GA'), item('ga-2', 'floor', 'GA'), item('bal-1', 'balcony', 'GA')] }

  it('gives each seat its answers and each GA attendee the hold\'s place of that section in order', () => {
    const out = answersForHold({
      order: { heard: 'A friend' },
      attendees: [
        { slot: 'seat-a1', answers: { name: 'Ana' } },
        { slot: gaSlot('floor', 1), answers: { name: 'Bea' } },
        { slot: gaSlot('floor', 0), answers: { name: 'Carla' } },
        { slot: gaSlot('balcony', 0), answers: { name: 'Dora' } },
      ],
    }, hold)
    expect(out).toEqual({
      order: { heard: 'A friend' },
      attendees: [
        { placeId: 'seat-a1', answers: { name: 'Ana' } },
        { placeId: 'ga-2', answers: { name: 'Bea' } },
        { placeId: 'ga-1', answers: { name: 'Carla' } },
        { placeId: 'bal-1', answers: { name: 'Dora' } },
      ],
    })
  })

  it('leaves out slots the hold has no place for (a seat not held, more GA attendees than places)', () => {
    const out = answersForHold({ order: {}, attendees: [{ slot: 'seat-b9', answers: { name: 'X' } }, { slot: gaSlot('floor', 2), answers: { name: 'Y' } }] }, hold)
    expect(out.attendees).toEqual([])
  })
})
