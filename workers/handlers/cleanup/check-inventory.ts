// The five-minute consistency check of invariant 1, on events not long over: per section, sold
// places plus actively held ones never exceed capacity, and no place has two valid tickets. The
// database should make both impossible; this notices if a migration, a manual fix or a bug did not.
import type { Db } from '../../../server/db/client.ts'

export interface OversoldSection {
  sectionId: string
  eventId: string
  capacity: number
  sold: number
  held: number
}

export interface DoubleTicketedPlace {
  placeId: string
  validTickets: number
}

export interface InventoryReport {
  oversold: OversoldSection[]
  doubleTicketed: DoubleTicketedPlace[]
}

export async function checkInventory(db: Db): Promise<InventoryReport> {
  const oversold = await db.$queryRaw<{ section_id: string, event_id: string, capacity: number, sold: number, held: number }[]>`
    SELECT s.id AS section_id, s.event_id, s.capacity,
           count(*) FILTER (WHERE p.booking_id IS NOT NULL)::int AS sold,
           count(*) FILTER (WHERE p.booking_id IS NULL AND p.hold_id IS NOT NULL AND p.held_until > now())::int AS held
      FROM sections s
      JOIN events e ON e.id = s.event_id AND e.ends_at > now() - interval '1 day'
      JOIN places p ON p.section_id = s.id
     GROUP BY s.id
    HAVING count(*) FILTER (WHERE p.booking_id IS NOT NULL)
         + count(*) FILTER (WHERE p.booking_id IS NULL AND p.hold_id IS NOT NULL AND p.held_until > now()) > s.capacity`
  const doubleTicketed = await db.$queryRaw<{ place_id: string, valid_tickets: number }[]>`
    SELECT t.place_id, count(*)::int AS valid_tickets
      FROM tickets t
      JOIN places p ON p.id = t.place_id
      JOIN events e ON e.id = p.event_id AND e.ends_at > now() - interval '1 day'
     WHERE t.voided_at IS NULL
     GROUP BY t.place_id
    HAVING count(*) > 1`
  return {
    oversold: oversold.map(r => ({ sectionId: r.section_id, eventId: r.event_id, capacity: r.capacity, sold: r.sold, held: r.held })),
    doubleTicketed: doubleTicketed.map(r => ({ placeId: r.place_id, validTickets: r.valid_tickets })),
  }
}
