// A section's ticket types, written with the event (POST/PATCH /api/events). A section sent without
// `ticketTypes` gets one "Standard" type at its price; in an edit its types stay, and a lone
// "Standard" type follows the section's price. A type that sold tickets, or is held or booked
// right now, cannot be removed (hide it instead): its tickets keep pointing at it.
import type { Prisma } from '../../db/client.ts'
import type { TicketTypeInput } from '../../../shared/schemas/events.ts'
import { DomainError } from '../errors.ts'

type Tx = Prisma.TransactionClient

export const STANDARD_TYPE_NAME = 'Standard'

interface SectionSpec {
  priceCents: number
  ticketTypes?: TicketTypeInput[] | undefined
}

function columns(t: TicketTypeInput, sortOrder: number) {
  return {
    name: t.name,
    priceCents: t.priceCents,
    description: t.description || null,
    salesStart: t.salesStart ? new Date(t.salesStart) : null,
    salesEnd: t.salesEnd ? new Date(t.salesEnd) : null,
    maxPerOrder: t.maxPerOrder ?? null,
    quota: t.quota ?? null,
    hidden: t.hidden ?? false,
    sortOrder,
  }
}

function standard(priceCents: number): TicketTypeInput {
  return { name: STANDARD_TYPE_NAME, priceCents, hidden: false }
}

/** The types of a new section. */
export async function createTicketTypes(tx: Tx, eventId: string, sectionId: string, spec: SectionSpec): Promise<void> {
  const types = spec.ticketTypes ?? [standard(spec.priceCents)]
  await tx.ticketType.createMany({ data: types.map((t, i) => ({ ...columns(t, i), eventId, sectionId })) })
}

/**
 * Locks, in type id order and before any section is written, the quota buckets of every existing type
 * whose quota this edit changes, in all its sections. Writing a changed quota makes a trigger lock that
 * type's 8 buckets (bookify_quota_rebalance), and the sections are written one after another: an edit
 * changing quotas in two sections took the types' buckets section by section, while a claim takes them
 * in type id order, so the two could each hold one type and wait for the other until PostgreSQL aborted
 * one of them (a deadlock). With every bucket the edit needs locked first, in the claims' order, the
 * triggers later find them already held.
 */
export async function lockChangedQuotas(tx: Tx, sections: readonly { id?: string | undefined, ticketTypes?: TicketTypeInput[] | undefined }[]): Promise<void> {
  const asked = new Map(sections.flatMap(s => s.ticketTypes ?? []).filter(t => t.id && t.quota != null).map(t => [t.id!, t.quota!]))
  if (asked.size === 0) return
  const current = await tx.ticketType.findMany({ where: { id: { in: [...asked.keys()] } }, select: { id: true, quota: true } })
  const changed = current.filter(t => t.quota !== asked.get(t.id)).map(t => t.id)
  if (changed.length === 0) return
  await tx.$queryRaw`SELECT 1 FROM ticket_type_quota_buckets WHERE ticket_type_id = ANY(${changed}::uuid[]) ORDER BY ticket_type_id, n FOR NO KEY UPDATE`
}

/** The types of an existing section after an edit; `path` names the section in validation issues. */
export async function applyTicketTypes(tx: Tx, eventId: string, sectionId: string, spec: SectionSpec, path: string): Promise<void> {
  const current = await tx.ticketType.findMany({ where: { sectionId }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] })
  if (!spec.ticketTypes) {
    const only = current.length === 1 ? current[0]! : null
    if (only && only.name === STANDARD_TYPE_NAME && only.priceCents !== spec.priceCents) {
      await tx.ticketType.update({ where: { id: only.id }, data: { priceCents: spec.priceCents } })
    }
    return
  }
  const byId = new Map(current.map(t => [t.id, t]))
  const issues = spec.ticketTypes.flatMap((t, i) => (t.id && !byId.has(t.id) ? [{ path: `${path}.ticketTypes.${i}.id`, message: 'This section has no ticket type with this id.' }] : []))
  if (issues.length) throw new DomainError('VALIDATION_FAILED', 'Some fields are not valid.', { issues })
  const kept = new Set(spec.ticketTypes.map(t => t.id).filter(Boolean))
  const removed = current.filter(t => !kept.has(t.id)).map(t => t.id)
  if (removed.length) {
    const [inUse] = await tx.$queryRaw<{ n: bigint }[]>`
      SELECT (SELECT count(*) FROM tickets WHERE ticket_type_id = ANY(${removed}::uuid[]))
           + (SELECT count(*) FROM places WHERE ticket_type_id = ANY(${removed}::uuid[])
                 AND (booking_id IS NOT NULL OR (hold_id IS NOT NULL AND held_until > now()))) AS n`
    if (inUse && Number(inUse.n) > 0) {
      const names = current.filter(t => removed.includes(t.id)).map(t => t.name).join(', ')
      throw new DomainError('INVENTORY_IN_USE', `Ticket types with sales cannot be removed (${names}); hide them instead.`, { ticketTypeIds: removed })
    }
    await tx.ticketType.deleteMany({ where: { id: { in: removed } } })
  }
  // Names are unique per section: park the kept ones first so a swap of two names cannot collide.
  for (const id of kept) await tx.ticketType.update({ where: { id: id! }, data: { name: `~renaming~${id}` } })
  // Existing types in id order: a changed quota locks the type's quota buckets (a trigger runs
  // bookify_quota_rebalance), and claims take them in type id order too, so the two never wait
  // on each other crosswise. New types come after: nobody else can hold their buckets yet.
  const entries = [...spec.ticketTypes.entries()]
  const existing = entries.filter(([, t]) => t.id).sort(([, a], [, b]) => (a.id! < b.id! ? -1 : 1))
  for (const [i, t] of existing) await tx.ticketType.update({ where: { id: t.id! }, data: columns(t, i) })
  for (const [i, t] of entries.filter(([, t]) => !t.id)) await tx.ticketType.create({ data: { ...columns(t, i), eventId, sectionId } })
}
