// The buyers and what each one asks for. Ids are derived from numbers so that a pgbench script can
// name the same users and seats with plain SQL, and the request mix is drawn exactly as pgbench's
// random_exponential draws it (same formula), so HTTP, naive and raw SQL see the same hot mix.

export const SEATED = { rows: 25, seatsPerRow: 40 } as const
export const GA_CAPACITY = 1_000
export const MAX_GROUP = 4
/** Front-row bias: pgbench random_exponential(1, rows, FRONT_BIAS). 3 puts ~48% of buyers in the front 5 rows. */
export const FRONT_BIAS = 3

const pad = (n: number) => n.toString().padStart(12, '0')
/** Buyer k (1-based): a fixed uuid, also computed by the pgbench script from a sequence. */
export const buyerId = (k: number) => `00000000-0000-4000-8000-${pad(k)}`
/** A seat of the measured seated event, by row (1-based) and seat number; `tag` (one hex digit) keeps events apart. */
export const seatId = (row: number, seat: number, tag = '9') => `00000000-0000-4000-${tag}000-${pad(row * 100 + seat)}`

/** Row index (1-based) from a label: A → 1, Z → 26, AA → 27 (bijective base 26, as build-inventory writes it). */
export function rowNumber(label: string): number {
  let n = 0
  for (const ch of label) n = n * 26 + (ch.charCodeAt(0) - 64)
  return n
}

/** A small seeded PRNG (mulberry32): HTTP and naive runs get the very same buyers in the same order. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

const uniform = (rand: () => number, min: number, max: number) => min + Math.floor(rand() * (max - min + 1))
/** pgbench's getExponentialRand, verbatim. */
function exponential(rand: () => number, min: number, max: number, parameter: number): number {
  const cut = Math.exp(-parameter)
  const u = 1 - rand()
  const r = -Math.log(cut + (1 - cut) * u) / parameter
  return min + Math.floor((max - min + 1) * r)
}

export interface Ask {
  /** Places wanted (1–4). */
  quantity: number
  /** Seated only: the seats, side by side in one row. */
  seats?: { row: number, from: number }
}

/** Seated: a group of 1–4 adjacent seats in one row, rows biased to the front; GA: 1–4 units. */
export function drawAsks(kind: 'SEATED' | 'GA', count: number, seed: number): Ask[] {
  const rand = prng(seed)
  return Array.from({ length: count }, () => {
    if (kind === 'GA') return { quantity: uniform(rand, 1, MAX_GROUP) }
    const row = exponential(rand, 1, SEATED.rows, FRONT_BIAS)
    const quantity = uniform(rand, 1, MAX_GROUP)
    return { quantity, seats: { row, from: uniform(rand, 1, SEATED.seatsPerRow + 1 - quantity) } }
  })
}

export function seatIdsOf(ask: Ask, tag = '9'): string[] {
  if (!ask.seats) return []
  return Array.from({ length: ask.quantity }, (_, i) => seatId(ask.seats!.row, ask.seats!.from + i, tag))
}

/**
 * The pgbench transaction: the product's claim call with the same random mix and a fresh buyer each
 * time. Run with `-M extended` (bound parameters, unnamed statements), as node-postgres sends
 * Prisma's $queryRaw, so every variable carries a cast.
 */
export function pgbenchScript(kind: 'SEATED' | 'GA'): string {
  const user = `('00000000-0000-4000-8000-' || lpad(nextval('bench_buyer_seq')::text, 12, '0'))::uuid`
  if (kind === 'GA') {
    return [
      `\\set n random(1, ${MAX_GROUP})`,
      `SELECT * FROM bookify_claim_hold(gen_random_uuid(), ${user}, :event::uuid, '{}'::uuid[], ARRAY[:section::uuid], ARRAY[:n::int]);`,
      '',
    ].join('\n')
  }
  const seat = `('00000000-0000-4000-9000-' || lpad((:row::int * 100 + s)::text, 12, '0'))::uuid`
  return [
    `\\set row random_exponential(1, ${SEATED.rows}, ${FRONT_BIAS})`,
    `\\set n random(1, ${MAX_GROUP})`,
    `\\set from random(1, ${SEATED.seatsPerRow + 1} - :n)`,
    `SELECT * FROM bookify_claim_hold(gen_random_uuid(), ${user}, :event::uuid, ARRAY(SELECT ${seat} FROM generate_series(:from::int, :from::int + :n::int - 1) s), '{}'::uuid[], '{}'::int[]);`,
    '',
  ].join('\n')
}
