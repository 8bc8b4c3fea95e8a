// Each section's ticket types with what is left of them and whether they sell now.
import type { Prisma } from '../../db/client.ts'
import type { TicketTypeDto, TicketTypeState } from '../../../shared/types/event.ts'

type Reader = Prisma.TransactionClient | { ticketType: Prisma.TransactionClient['ticketType'], $queryRaw: Prisma.TransactionClient['$queryRaw'] }
type TicketTypeRow = Prisma.TicketTypeModel

/** Places held (unexpired) or booked under each type of the event: what its quota counts. */
async function takenByType(db: Reader, eventId: string): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ ticket_type_id: string, taken: bigint }[]>`
    SELECT ticket_type_id, count(*) AS taken FROM places
     WHERE event_id = ${eventId}::uuid AND ticket_type_id IS NOT NULL
       AND (booking_id IS NOT NULL OR (hold_id IS NOT NULL AND held_until > now()))
     GROUP BY ticket_type_id`
  return new Map(rows.map(r => [r.ticket_type_id, Number(r.taken)]))
}

export function ticketTypeState(t: Pick<TicketTypeRow, 'salesStart' | 'salesEnd'>, available: number, now: Date): TicketTypeState {
  if (t.salesStart && t.salesStart > now) return 'NOT_YET_ON_SALE'
  if (t.salesEnd && t.salesEnd <= now) return 'SALES_ENDED'
  return available > 0 ? 'ON_SALE' : 'SOLD_OUT'
}

export function ticketTypeDto(t: TicketTypeRow, currency: string, sectionAvailable: number, taken: number, now: Date): TicketTypeDto {
  const available = t.quota === null ? sectionAvailable : Math.max(0, Math.min(sectionAvailable, t.quota - taken))
  return {
    id: t.id,
    name: t.name,
    price: { amountCents: t.priceCents, currency },
    description: t.description,
    salesStart: t.salesStart?.toISOString() ?? null,
    salesEnd: t.salesEnd?.toISOString() ?? null,
    maxPerOrder: t.maxPerOrder,
    quota: t.quota,
    hidden: t.hidden,
    available,
    state: ticketTypeState(t, available, now),
  }
}

/** sectionId → its types (hidden ones only when asked), as DTOs. */
export async function ticketTypesBySection(db: Reader, eventId: string, currency: (sectionId: string) => string, available: (sectionId: string) => number, includeHidden: boolean, now = new Date()): Promise<Map<string, TicketTypeDto[]>> {
  const [types, taken] = await Promise.all([
    db.ticketType.findMany({ where: { eventId, ...(includeHidden ? {} : { hidden: false }) }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] }),
    takenByType(db, eventId),
  ])
  const bySection = new Map<string, TicketTypeDto[]>()
  for (const t of types) {
    const list = bySection.get(t.sectionId) ?? []
    list.push(ticketTypeDto(t, currency(t.sectionId), available(t.sectionId), taken.get(t.id) ?? 0, now))
    bySection.set(t.sectionId, list)
  }
  return bySection
}
