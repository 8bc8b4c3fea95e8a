import { describe, expect, it } from 'vitest'
import { MIN_IN_PROGRESS, admissionsNow, inventoryRoom, type PolicyInput } from '../../server/domain/queue/admission-policy.ts'

const base: PolicyInput = {
  free: 1_000, held: 0, lapseShare: 0, placesPerBuyer: 1, outstanding: 0, waiting: 10_000,
  admitPerMinute: null, decisionRate: 0, healthy: true, target: 0, carry: 0, elapsedMs: 500,
}

describe('admission policy', () => {
  it.each([
    ['free places bound admissions', { free: 5, outstanding: 0 }, 5],
    ['outstanding buyers use up the bound', { free: 5, outstanding: 3 }, 2],
    ['nothing free, nothing likely to lapse: nobody', { free: 0, held: 40 }, 0],
    ['held places likely to lapse count', { free: 0, held: 40, lapseShare: 0.25 }, 10],
    ['buyers taking two places each count twice', { free: 10, placesPerBuyer: 2 }, 5],
    ['never more than are waiting', { free: 100, waiting: 3 }, 3],
    ['the last places still get a buyer', { free: 2, placesPerBuyer: 2.5 }, 1],
  ] as const)('%s', (_name, input, room) => {
    expect(inventoryRoom({ ...base, ...input })).toBeGreaterThanOrEqual(room)
    expect(admissionsNow({ ...base, ...input }).inventoryRoom).toBe(room)
    expect(admissionsNow({ ...base, ...input }).admit).toBeLessThanOrEqual(room)
  })

  it('automatic: starts gently and grows while buyers use their turns and the database keeps up', () => {
    let d = admissionsNow(base)
    expect(d.admit).toBe(MIN_IN_PROGRESS)
    const targets = [d.target]
    for (let i = 0; i < 5; i++) {
      d = admissionsNow({ ...base, target: d.target, outstanding: d.target })
      targets.push(d.target)
    }
    expect(targets.every((t, i) => i === 0 || t > targets[i - 1]!)).toBe(true)
  })

  it('automatic: grows when admitted buyers act at once (few outstanding, many decisions)', () => {
    const d = admissionsNow({ ...base, target: 100, outstanding: 2, decisionRate: 40 })
    expect(d.target).toBe(200)
    expect(d.admit).toBe(198)
  })

  it('automatic: does not grow when admitted buyers are not using their turns', () => {
    const d = admissionsNow({ ...base, target: 100, outstanding: 10 })
    expect(d.target).toBe(100)
    expect(d.admit).toBe(90)
  })

  it('automatic: falls back to what the system was seen to sustain when the database slows down', () => {
    const d = admissionsNow({ ...base, target: 2_000, outstanding: 1_500, healthy: false, decisionRate: 100 })
    expect(d.target).toBe(400) // twice two seconds of 100 decisions/s
    expect(d.admit).toBe(0)
  })

  it('fixed rate: admits its share per tick, carries fractions, and never bursts after a pause', () => {
    let d = admissionsNow({ ...base, admitPerMinute: 60, elapsedMs: 500 })
    expect(d.admit).toBe(0)
    d = admissionsNow({ ...base, admitPerMinute: 60, elapsedMs: 500, carry: d.carry })
    expect(d.admit).toBe(1)
    const afterPause = admissionsNow({ ...base, admitPerMinute: 600, elapsedMs: 60_000 })
    expect(afterPause.admit).toBe(20)
  })
})
