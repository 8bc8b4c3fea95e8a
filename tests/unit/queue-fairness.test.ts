// The fairness proof recomputed independently: this test follows the algorithm as published
// (FAIRNESS_ALGORITHM, README) with node:crypto alone and must reach the order the draw made.
import { createHash, createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { FAIRNESS_ALGORITHM, commitmentOf, drawOrder, entryHashOf, newSeed } from '../../server/domain/queue/fairness.ts'

/** A verifier's own implementation, from the published description only. */
function verify(proof: { commitment: string, seed: string, order: string[] }): boolean {
  const seedBytes = Buffer.from(proof.seed, 'hex')
  if (createHash('sha256').update(seedBytes).digest('hex') !== proof.commitment) return false
  const keyed = proof.order.map(h => ({ h, k: createHmac('sha256', seedBytes).update(Buffer.from(h, 'utf8')).digest('hex') }))
  const resorted = [...keyed].sort((a, b) => (a.k === b.k ? (a.h < b.h ? -1 : 1) : a.k < b.k ? -1 : 1)).map(e => e.h)
  return resorted.every((h, i) => h === proof.order[i])
}

const eventId = '0190aaaa-0000-7000-8000-000000000001'
const users = Array.from({ length: 50 }, (_, i) => `0190bbbb-0000-7000-8000-${String(i).padStart(12, '0')}`)

describe('queue fairness proof', () => {
  it('is recomputed by an independent verifier from seed, commitment and entry hashes', () => {
    const { seed, commitment } = newSeed()
    expect(commitment).toBe(createHash('sha256').update(Buffer.from(seed, 'hex')).digest('hex'))
    const hashes = users.map(u => entryHashOf(eventId, u))
    expect(hashes[0]).toBe(createHash('sha256').update(`${eventId}:${users[0]}`).digest('hex'))
    const order = drawOrder(seed, hashes)
    expect(verify({ commitment, seed, order })).toBe(true)
    expect(FAIRNESS_ALGORITHM).toMatch(/hmac_sha256/)
  })

  it('catches a tampered order, a swapped seed and a seed that does not match the commitment', () => {
    const { seed, commitment } = newSeed()
    const order = drawOrder(seed, users.map(u => entryHashOf(eventId, u)))
    const swapped = [order[1]!, order[0]!, ...order.slice(2)]
    expect(verify({ commitment, seed, order: swapped })).toBe(false)
    const other = newSeed()
    expect(verify({ commitment, seed: other.seed, order })).toBe(false)
    expect(verify({ commitment: other.commitment, seed: other.seed, order })).toBe(false)
    expect(commitmentOf(seed)).toBe(commitment)
  })

  it('does not depend on the order entries arrive in', () => {
    const { seed } = newSeed()
    const hashes = users.map(u => entryHashOf(eventId, u))
    expect(drawOrder(seed, [...hashes].reverse())).toEqual(drawOrder(seed, hashes))
  })

  it('gives the first arrival each position about equally often over many seeds (chi-square)', () => {
    // 8 entries, 4,000 seeds derived from a counter (fixed, so the test is deterministic).
    const n = 8
    const rounds = 4_000
    const hashes = users.slice(0, n).map(u => entryHashOf(eventId, u))
    const counts = Array.from<number>({ length: n }).fill(0)
    for (let r = 0; r < rounds; r++) {
      const seed = createHash('sha256').update(`seed-${r}`).digest('hex')
      counts[drawOrder(seed, hashes).indexOf(hashes[0]!)]!++
    }
    const expected = rounds / n
    const chi2 = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0)
    // 7 degrees of freedom: 24.3 is the 0.1 % critical value.
    expect(chi2).toBeLessThan(24.3)
  })
})
