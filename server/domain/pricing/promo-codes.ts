// An event's promo and access codes (organisers) and what a code does (buyers). Codes are
// case-insensitive (stored with a lower-cased key, unique among live codes of an event); a deleted
// code stays on the holds and bookings that used it. Uses are counted by bookify_claim_hold.
import type { Db } from '../../db/client.ts'
import type { CreatePromoCodeBody } from '../../../shared/schemas/pricing.ts'
import type { PromoCheckDto, PromoCodeDto } from '../../../shared/types/pricing.ts'
import { DomainError } from '../errors.ts'
import { loadVisibleEvent, type EventCaller } from '../events/access.ts'
import { requireEventRole, ROLES } from '../organising/event-roles.ts'
import { availabilityBySection } from '../events/event-detail.ts'
import { ticketTypeDto } from '../events/ticket-type-dto.ts'

type PromoRow = NonNullable<Awaited<ReturnType<Db['promoCode']['findFirst']>>>

/** Holds that count as a use of each code: unexpired active ones and confirmed ones. */
async function usesOf(db: Db, codeIds: string[]): Promise<Map<string, number>> {
  if (codeIds.length === 0) return new Map()
  const rows = await db.$queryRaw<{ promo_code_id: string, uses: bigint }[]>`
    SELECT promo_code_id, count(*) AS uses FROM holds
     WHERE promo_code_id = ANY(${codeIds}::uuid[])
       AND ((status = 'ACTIVE' AND expires_at > now()) OR status = 'CONFIRMED')
     GROUP BY promo_code_id`
  return new Map(rows.map(r => [r.promo_code_id, Number(r.uses)]))
}

function toDto(c: PromoRow, uses: number): PromoCodeDto {
  return {
    id: c.id, code: c.code, kind: c.kind, value: c.value, maxUses: c.maxUses, uses,
    validFrom: c.validFrom?.toISOString() ?? null, validTo: c.validTo?.toISOString() ?? null,
    ticketTypeIds: c.ticketTypeIds, createdAt: c.createdAt.toISOString(),
  }
}

export async function listPromoCodes(db: Db, eventId: string, caller: EventCaller): Promise<PromoCodeDto[]> {
  await requireEventRole(db, eventId, caller, ROLES.read)
  const codes = await db.promoCode.findMany({ where: { eventId, deletedAt: null }, orderBy: { createdAt: 'asc' } })
  const uses = await usesOf(db, codes.map(c => c.id))
  return codes.map(c => toDto(c, uses.get(c.id) ?? 0))
}

export async function createPromoCode(db: Db, eventId: string, caller: EventCaller, body: CreatePromoCodeBody): Promise<PromoCodeDto> {
  await requireEventRole(db, eventId, caller, ROLES.manage)
  const types = await db.ticketType.findMany({ where: { eventId, id: { in: body.ticketTypeIds } }, select: { id: true } })
  const known = new Set(types.map(t => t.id))
  const issues = body.ticketTypeIds.flatMap((id, i) => (known.has(id) ? [] : [{ path: `ticketTypeIds.${i}`, message: 'This event has no ticket type with this id.' }]))
  if (issues.length) throw new DomainError('VALIDATION_FAILED', 'Some fields are not valid.', { issues })
  const codeKey = body.code.toLowerCase()
  if (await db.promoCode.count({ where: { eventId, codeKey, deletedAt: null } })) {
    throw new DomainError('CONFLICT', 'This event already has that code.', { reason: 'CODE_TAKEN', field: 'code' })
  }
  try {
    const created = await db.promoCode.create({
      data: {
        eventId, code: body.code, codeKey, kind: body.kind, value: body.value ?? null, maxUses: body.maxUses ?? null,
        validFrom: body.validFrom ? new Date(body.validFrom) : null, validTo: body.validTo ? new Date(body.validTo) : null,
        ticketTypeIds: body.ticketTypeIds,
      },
    })
    return toDto(created, 0)
  } catch (err) {
    // Two organisers creating the same code at once: the partial unique index decides.
    if ((err as { code?: string }).code === 'P2002') throw new DomainError('CONFLICT', 'This event already has that code.', { reason: 'CODE_TAKEN', field: 'code' })
    throw err
  }
}

/** Retires a code: new holds cannot use it; holds and bookings that did keep their discount. */
export async function deletePromoCode(db: Db, eventId: string, caller: EventCaller, codeId: string): Promise<void> {
  await requireEventRole(db, eventId, caller, ROLES.manage)
  const { count } = await db.promoCode.updateMany({ where: { id: codeId, eventId, deletedAt: null }, data: { deletedAt: new Date() } })
  if (count === 0) throw new DomainError('NOT_FOUND', 'There is no such code.')
}

/** What a code does on a visible event, or 422 PROMO_INVALID with the reason. */
export async function checkPromoCode(db: Db, eventId: string, caller: EventCaller, code: string, now = new Date()): Promise<PromoCheckDto> {
  await loadVisibleEvent(db, eventId, caller)
  if (!code) throw new DomainError('VALIDATION_FAILED', 'Enter a code.', { issues: [{ path: 'code', message: 'Enter a code.' }] })
  const found = await db.promoCode.findFirst({ where: { eventId, codeKey: code.toLowerCase(), deletedAt: null } })
  if (!found) throw new DomainError('PROMO_INVALID', 'There is no such code for this event.', { reason: 'unknown' })
  if ((found.validFrom && found.validFrom > now) || (found.validTo && found.validTo <= now)) {
    throw new DomainError('PROMO_INVALID', 'This code is not valid now.', { reason: 'expired' })
  }
  if (found.maxUses !== null && ((await usesOf(db, [found.id])).get(found.id) ?? 0) >= found.maxUses) {
    throw new DomainError('PROMO_INVALID', 'This code has been used up.', { reason: 'used_up' })
  }
  let unlocks: PromoCheckDto['unlocks'] = []
  if (found.kind === 'UNLOCK') {
    const [hidden, counts, sections] = await Promise.all([
      db.ticketType.findMany({
        where: { eventId, hidden: true, ...(found.ticketTypeIds.length ? { id: { in: found.ticketTypeIds } } : {}) },
        orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
      }),
      availabilityBySection(db, eventId),
      db.section.findMany({ where: { eventId }, select: { id: true, currency: true } }),
    ])
    const taken = await db.$queryRaw<{ ticket_type_id: string, taken: bigint }[]>`
      SELECT ticket_type_id, count(*) AS taken FROM places
       WHERE ticket_type_id = ANY(${hidden.map(t => t.id)}::uuid[]) AND (booking_id IS NOT NULL OR (hold_id IS NOT NULL AND held_until > now()))
       GROUP BY ticket_type_id`
    const takenOf = new Map(taken.map(r => [r.ticket_type_id, Number(r.taken)]))
    const currency = new Map(sections.map(s => [s.id, s.currency]))
    unlocks = hidden.map(t => ({ ...ticketTypeDto(t, currency.get(t.sectionId) ?? 'XXX', counts.get(t.sectionId)?.available ?? 0, takenOf.get(t.id) ?? 0, now), sectionId: t.sectionId }))
  }
  return { code: found.code, kind: found.kind, value: found.value, ticketTypeIds: found.ticketTypeIds, unlocks }
}
