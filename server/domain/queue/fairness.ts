// Provable fairness of the pre-queue draw. Before the sale a random seed is drawn and only its
// sha-256 (the commitment) is published; at the sale's start the pre-queue is ordered by a keyed
// hash of each entry under that seed; afterwards the seed and the ordered entry hashes are
// published, so anyone can check that (1) the seed matches the commitment made before anyone could
// know the order, and (2) the order is exactly what the seed gives. Nobody — Bookify included —
// could steer a place without changing the seed, and the seed was fixed before the first join.
import { createHash, createHmac, randomBytes } from 'node:crypto'

export const FAIRNESS_ALGORITHM = [
  'bookify-queue-v1',
  'commitment = hex(sha256(bytes(seed)))  (seed: 64 hex digits = 32 bytes)',
  'entryHash = hex(sha256(utf8(eventId + ":" + userId)))',
  'key(entryHash) = hex(hmac_sha256(key = bytes(seed), message = utf8(entryHash)))',
  'pre-queue order = entry hashes sorted by key ascending (as strings; ties by entryHash); position = index + 1',
  'buyers who joined after the sale started follow in arrival order',
].join('; ')

export interface Seed {
  seed: string
  commitment: string
}

export function commitmentOf(seedHex: string): string {
  return createHash('sha256').update(Buffer.from(seedHex, 'hex')).digest('hex')
}

export function newSeed(): Seed {
  const seed = randomBytes(32).toString('hex')
  return { seed, commitment: commitmentOf(seedHex(seed)) }
}

function seedHex(seed: string): string {
  if (!/^[0-9a-f]{64}$/.test(seed)) throw new Error('a seed is 64 lower-case hex digits')
  return seed
}

/** What the proof lists for an entry: a buyer finds their own by hashing the event's and their account's ids. */
export function entryHashOf(eventId: string, userId: string): string {
  return createHash('sha256').update(`${eventId}:${userId}`, 'utf8').digest('hex')
}

export function drawKey(seed: string, entryHash: string): string {
  return createHmac('sha256', Buffer.from(seedHex(seed), 'hex')).update(entryHash, 'utf8').digest('hex')
}

/** The pre-queue's order: a uniformly random permutation for a seed unknown when the entries were made. */
export function drawOrder(seed: string, entryHashes: readonly string[]): string[] {
  const keyed = entryHashes.map(h => ({ h, k: drawKey(seed, h) }))
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.h < b.h ? -1 : a.h > b.h ? 1 : 0))
  return keyed.map(e => e.h)
}
