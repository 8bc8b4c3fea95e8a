import type { Db } from '../../db/client.ts'
import type { HoldDto } from '../../../shared/types/event.ts'
import { DomainError } from '../errors.ts'

/** The caller's hold; another user's hold is "not found", never "forbidden" (invariant 4). */
export async function loadHold(db: Db, holdId: string, userId: string, now = new Date()): Promise<HoldDto> {
  const hold = await db.hold.findFirst({
    where: { id: holdId, userId },
    include: { items: { include: { place: { include: { section: { select: { id: true, name: true, kind: true, currency: true } } } } } } },
  })
  if (!hold) throw new DomainError('NOT_FOUND', 'There is no such hold.')
  // Lazy expiry: an ACTIVE hold past its time is already expired for every reader.
  const status = hold.status === 'ACTIVE' && hold.expiresAt <= now ? 'EXPIRED' : hold.status
  return {
    id: hold.id,
    eventId: hold.eventId,
    status,
    items: hold.items
      .map(i => ({
        placeId: i.placeId,
        label: i.place.label,
        sectionId: i.place.section.id,
        sectionName: i.place.section.name,
        kind: i.place.section.kind,
        price: { amountCents: i.priceCents, currency: i.place.section.currency },
      }))
      .sort((a, b) => a.sectionName.localeCompare(b.sectionName) || a.label.localeCompare(b.label, 'en', { numeric: true })),
    total: { amountCents: hold.totalCents, currency: hold.currency },
    expiresAt: hold.expiresAt.toISOString(),
    canExtend: status === 'ACTIVE' && hold.extendedAt === null,
    waitlistEntryId: hold.waitlistEntryId,
  }
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
}
