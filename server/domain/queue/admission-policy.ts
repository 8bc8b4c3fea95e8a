// How many queued buyers to admit on one admitter tick. Two bounds, the smaller wins:
//
// 1. Inventory. Buyers admitted and not yet acting ("outstanding") each expect at least one place
//    (more once the room has seen how many places a buyer takes), and together they never expect
//    more than the places free now plus the held places likely to lapse (the event's own share of
//    holds that lapsed rather than being booked). So nobody waits for tickets that are gone.
// 2. Pace. A fixed rate (admitPerMinute) if the organiser set one; otherwise automatic, a target
//    number of buyers in progress (admitted, not yet acting): it starts at MIN_IN_PROGRESS and grows
//    ×2 per tick while the buyers use it (outstanding ≥ half the target, or decisions coming in at
//    half the target per HORIZON_S) and the database answers promptly; when it slows down (the admitter's own count query takes several times its best),
//    the target falls to what the system was seen to sustain — twice the hold decisions it made in
//    the last HORIZON_S seconds — so queued buyers arrive no faster than PostgreSQL decides.
export const MIN_IN_PROGRESS = 50
export const MAX_IN_PROGRESS = 5_000
export const HORIZON_S = 2

export interface PolicyInput {
  /** Places free now (lazy expiry counted). */
  free: number
  /** Places in active holds. */
  held: number
  /** Share of ended holds that lapsed instead of being booked (0..1). */
  lapseShare: number
  /** Places a buyer takes on average (≥ 1). */
  placesPerBuyer: number
  /** Admitted buyers who have not tried to hold yet, whose window is still open. */
  outstanding: number
  /** People in line behind the cursor. */
  waiting: number
  /** Organiser's fixed rate, or null for automatic. */
  admitPerMinute: number | null
  /** Hold decisions per second made by admitted buyers recently (smoothed). */
  decisionRate: number
  /** The database answers promptly (see header). */
  healthy: boolean
  /** The automatic target of the previous tick. */
  target: number
  /** Fixed rate: admissions owed from earlier ticks' fractions. */
  carry: number
  elapsedMs: number
}

export interface PolicyDecision {
  admit: number
  target: number
  carry: number
  /** The inventory bound alone (for the organiser's view and the tests). */
  inventoryRoom: number
}

export function inventoryRoom(i: Pick<PolicyInput, 'free' | 'held' | 'lapseShare' | 'placesPerBuyer' | 'outstanding'>): number {
  const expected = i.free + Math.floor(i.held * Math.min(1, Math.max(0, i.lapseShare)))
  // Rounded up: the last few places still get a buyer, who may take fewer than the average.
  return Math.max(0, Math.ceil(expected / Math.max(1, i.placesPerBuyer)) - i.outstanding)
}

export function admissionsNow(i: PolicyInput): PolicyDecision {
  const room = Math.min(inventoryRoom(i), Math.max(0, i.waiting))
  if (i.admitPerMinute !== null) {
    // Fractions carry over, but never more than two seconds' worth: a paused room does not burst.
    const owed = Math.min(i.carry + i.admitPerMinute * i.elapsedMs / 60_000, Math.max(1, i.admitPerMinute / 30))
    const admit = Math.min(Math.floor(owed), room)
    return { admit, target: i.target, carry: owed - admit, inventoryRoom: room }
  }
  const sustained = Math.max(MIN_IN_PROGRESS, Math.ceil(2 * i.decisionRate * HORIZON_S))
  const previous = Math.max(MIN_IN_PROGRESS, i.target)
  const target = Math.min(MAX_IN_PROGRESS, !i.healthy
    ? Math.min(previous, sustained)
    : i.outstanding * 2 >= previous || i.decisionRate * HORIZON_S * 2 >= previous ? previous * 2 : previous)
  const admit = Math.max(0, Math.min(target - i.outstanding, room))
  return { admit, target, carry: 0, inventoryRoom: room }
}
