// Freed places go first to the waitlist, in queue order: the first waiting person whose quantity
// fits what is free gets a hold in their name for the offer window; when an offer lapses (its
// hold expires) the places come back here for the next person, and only when nobody waiting
// fits do they return to public sale (bookify_claim_hold refuses the public meanwhile).
// Freed places reach it through AfterCommit.placesChanged; joining the waitlist and the cleanup
// worker's release consumer (a safety net for a nudge lost after a commit) call it too.
import { randomUUID } from 'node:crypto'
import type { Db } from '../../db/client.ts'
import { writeOutbox } from '../../messaging/outbox.ts'
import { ROUTING_KEYS } from '../../messaging/names.ts'
import { placesNow, type AfterCommit } from '../ports.ts'

const OFFER_WINDOW_MINUTES = 30

/** 30 minutes, shorter as the event nears (a quarter of the time left), never under 5. */
export function offerWindowMs(startsAt: Date, now: Date): number {
  const quarterOfTimeLeft = (startsAt.getTime() - now.getTime()) / 4
  return Math.max(5 * 60_000, Math.min(OFFER_WINDOW_MINUTES * 60_000, quarterOfTimeLeft))
}

interface Offer {
  entryId: string
  userId: string
  holdId: string
  expiresAt: Date
  placeIds: string[]
}

interface FreePlace {
  id: string
  section_id: string
  kind: 'SEATED' | 'GA'
}

/** Seats side by side where possible: free places in section order, row and number. */
function pickPlaces(free: FreePlace[], quantity: number, sectionId: string | null): FreePlace[] | null {
  const bySection = new Map<string, FreePlace[]>()
  for (const p of free) {
    if (sectionId && p.section_id !== sectionId) continue
    bySection.set(p.section_id, [...(bySection.get(p.section_id) ?? []), p])
  }
  for (const places of bySection.values()) if (places.length >= quantity) return places.slice(0, quantity)
  return null
}

async function offerNext(db: Db, eventId: string, now: Date): Promise<Offer | null> {
  return db.$transaction(async (tx) => {
    const free = await tx.$queryRaw<FreePlace[]>`
      SELECT p.id, p.section_id, s.kind FROM places p JOIN sections s ON s.id = p.section_id
       WHERE p.event_id = ${eventId}::uuid AND p.booking_id IS NULL AND (p.hold_id IS NULL OR p.held_until <= ${now})
       ORDER BY s.sort_order, p.row_label NULLS FIRST, p.number
       LIMIT 2000`
    if (free.length === 0) return null
    // SKIP LOCKED: two web instances offering at once never offer one entry twice.
    const waiting = await tx.$queryRaw<{ id: string, user_id: string, quantity: number, section_id: string | null, starts_at: Date }[]>`
      SELECT w.id, w.user_id, w.quantity, w.section_id, e.starts_at FROM waitlist_entries w JOIN events e ON e.id = w.event_id
       WHERE w.event_id = ${eventId}::uuid AND w.status = 'WAITING' AND w.quantity <= ${free.length}
       ORDER BY w.seq FOR UPDATE OF w SKIP LOCKED LIMIT 50`
    for (const entry of waiting) {
      const places = pickPlaces(free, entry.quantity, entry.section_id)
      if (!places) continue
      const holdId = randomUUID()
      const expiresAt = new Date(now.getTime() + offerWindowMs(entry.starts_at, now))
      const seats = places.filter(p => p.kind === 'SEATED').map(p => p.id)
      const ga = places.filter(p => p.kind === 'GA')
      const gaSections = ga.length ? [ga[0]!.section_id] : []
      const gaQuantities = ga.length ? [ga.length] : []
      const [claim] = await tx.$queryRaw<{ outcome: string }[]>`
        SELECT outcome FROM bookify_claim_hold(${holdId}::uuid, ${entry.user_id}::uuid, ${eventId}::uuid,
          ${seats}::uuid[], ${gaSections}::uuid[], ${gaQuantities}::int[], ${expiresAt}::timestamptz, ${entry.id}::uuid)`
      if (claim?.outcome !== 'OK') continue // taken meanwhile; try the next person
      await tx.waitlistEntry.update({ where: { id: entry.id }, data: { status: 'OFFERED', offerExpiresAt: expiresAt } })
      await writeOutbox(tx, ROUTING_KEYS.waitlistOffered, { entryId: entry.id, userId: entry.user_id, eventId, holdId, expiresAt: expiresAt.toISOString() })
      const claimed = await tx.place.findMany({ where: { holdId }, select: { id: true } })
      return { entryId: entry.id, userId: entry.user_id, holdId, expiresAt, placeIds: claimed.map(p => p.id) }
    }
    return null
  })
}

/**
 * Offers whatever is free on the event to the waitlist until nobody waiting fits. Idempotent: it
 * only offers what is free to whoever still waits. Each offer, once committed, has its expiry
 * scheduled and its places announced HELD.
 */
export async function offerToWaitlist(db: Db, effects: AfterCommit, eventId: string, now = new Date()): Promise<Offer[]> {
  const anyoneWaiting = await db.waitlistEntry.count({ where: { eventId, status: 'WAITING' }, take: 1 })
  if (!anyoneWaiting) return []
  const offers: Offer[] = []
  for (let i = 0; i < 100; i++) {
    const offer = await offerNext(db, eventId, now)
    if (!offer) break
    offers.push(offer)
    await Promise.all([effects.scheduleHoldExpiry(offer.holdId, offer.expiresAt), effects.placesChanged(eventId, placesNow(offer.placeIds, 'HELD'))])
  }
  return offers
}
