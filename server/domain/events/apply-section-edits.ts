// PATCH /api/events/:id with `sections`: the new list replaces the old one. A reshaped section keeps
// every place whose label survives (same id, so holds and tickets stay attached), loses the rest
// and gains the new ones. Dropping a place that is sold, actively held or has ticket history is
// refused with INVENTORY_IN_USE and nothing changes. The places concerned are row-locked before
// the check, so a hold claimed concurrently either lands before (and is seen) or finds them gone.
import type { Prisma } from '../../db/client.ts'
import type { SectionEdit } from '../../../shared/schemas/events.ts'
import { DomainError } from '../errors.ts'
import { buildInventory, type PlannedPlace } from './build-inventory.ts'
import { createPlaces } from './create-places.ts'
import { sectionColumns } from './create-event.ts'
import { applyTicketTypes, createTicketTypes, lockChangedQuotas } from './ticket-types.ts'

type Tx = Prisma.TransactionClient
type SectionRow = Prisma.SectionModel

interface PlaceRow {
  id: string
  section_id: string
  label: string
  row_label: string | null
  number: number | null
  x: number | null
  y: number | null
  in_use: boolean
}

const MAX_LABELS_REPORTED = 50

function sameShape(current: SectionRow, edit: SectionEdit): boolean {
  const next = sectionColumns(edit, 0)
  return current.kind === next.kind && current.capacity === next.capacity && current.rows === next.rows && current.seatsPerRow === next.seatsPerRow
}

function sameColumns(current: SectionRow, edit: SectionEdit, sortOrder: number): boolean {
  const next = sectionColumns(edit, sortOrder)
  return (Object.keys(next) as (keyof typeof next)[]).every(k => current[k] === next[k])
}

async function lockPlaces(tx: Tx, sectionIds: string[]): Promise<PlaceRow[]> {
  if (sectionIds.length === 0) return []
  return tx.$queryRaw<PlaceRow[]>`
    SELECT p.id, p.section_id, p.label, p.row_label, p.number, p.x, p.y,
           (p.booking_id IS NOT NULL
             OR (p.hold_id IS NOT NULL AND p.held_until > now())
             OR EXISTS (SELECT 1 FROM tickets t WHERE t.place_id = p.id)) AS in_use
      FROM places p
     WHERE p.section_id = ANY(${sectionIds}::uuid[])
     ORDER BY p.id
       FOR UPDATE OF p`
}

function moved(row: PlaceRow, planned: PlannedPlace): boolean {
  return row.row_label !== planned.rowLabel || row.number !== planned.number || row.x !== planned.x || row.y !== planned.y
}

async function updateGeometry(tx: Tx, rows: { id: string, place: PlannedPlace }[]): Promise<void> {
  if (rows.length === 0) return
  await tx.$executeRaw`
    UPDATE places p SET row_label = v.row_label, number = v.number, x = v.x, y = v.y
      FROM unnest(${rows.map(r => r.id)}::uuid[], ${rows.map(r => r.place.rowLabel)}::text[], ${rows.map(r => r.place.number)}::int[],
                  ${rows.map(r => r.place.x)}::int[], ${rows.map(r => r.place.y)}::int[]) AS v(id, row_label, number, x, y)
     WHERE p.id = v.id`
}

/** Applies the new section list; returns whether anything about the sections changed. */
export async function applySectionEdits(tx: Tx, eventId: string, edits: SectionEdit[]): Promise<boolean> {
  const current = await tx.section.findMany({ where: { eventId } })
  const byId = new Map(current.map(s => [s.id, s]))
  const issues = edits.flatMap((e, i) => (e.id && !byId.has(e.id) ? [{ path: `sections.${i}.id`, message: 'This event has no section with this id.' }] : []))
  if (issues.length) throw new DomainError('VALIDATION_FAILED', 'Some fields are not valid.', { issues })

  const kept = new Set(edits.map(e => e.id).filter(Boolean))
  const removed = current.filter(s => !kept.has(s.id))
  const reshaped = edits.filter(e => e.id && !sameShape(byId.get(e.id)!, e))
  const places = await lockPlaces(tx, [...removed.map(s => s.id), ...reshaped.map(e => e.id!)])

  const drop: PlaceRow[] = []
  const add = new Map<string, PlannedPlace[]>()
  const move: { id: string, place: PlannedPlace }[] = []
  for (const section of removed) drop.push(...places.filter(p => p.section_id === section.id))
  for (const edit of reshaped) {
    const planned = new Map(buildInventory(edit).map(p => [p.label, p]))
    const existing = places.filter(p => p.section_id === edit.id)
    for (const row of existing) {
      const target = planned.get(row.label)
      if (!target) drop.push(row)
      else if (moved(row, target)) move.push({ id: row.id, place: target })
      planned.delete(row.label)
    }
    add.set(edit.id!, [...planned.values()])
  }

  const blocked = drop.filter(p => p.in_use)
  if (blocked.length) {
    const sections = [...new Set(blocked.map(p => p.section_id))].map((id) => {
      const labels = blocked.filter(p => p.section_id === id).map(p => p.label)
      return { id, name: byId.get(id)!.name, count: labels.length, labels: labels.slice(0, MAX_LABELS_REPORTED) }
    })
    const names = sections.map(s => `${s.name} (${s.labels.slice(0, 5).join(', ')}${s.count > 5 ? ', …' : ''})`).join('; ')
    throw new DomainError('INVENTORY_IN_USE', `This change would remove places that are sold or held: ${names}.`, { sections })
  }

  if (removed.length) await tx.section.deleteMany({ where: { id: { in: removed.map(s => s.id) } } })
  const dropIds = drop.filter(p => kept.has(p.section_id)).map(p => p.id)
  if (dropIds.length) await tx.place.deleteMany({ where: { id: { in: dropIds } } })
  await updateGeometry(tx, move)

  const changed = edits.filter((e, i) => e.id && !sameColumns(byId.get(e.id)!, e, i))
  // Names are unique per event: park renamed sections first so a swap of two names cannot collide.
  for (const edit of changed.filter(e => byId.get(e.id!)!.name !== e.name)) {
    await tx.section.update({ where: { id: edit.id }, data: { name: `~renaming~${edit.id}` } })
  }
  for (const edit of changed) {
    await tx.section.update({ where: { id: edit.id }, data: sectionColumns(edit, edits.indexOf(edit)) })
  }
  const typesEdited = edits.filter(e => e.id && (e.ticketTypes || changed.includes(e)))
  await lockChangedQuotas(tx, typesEdited)
  for (const edit of typesEdited) await applyTicketTypes(tx, eventId, edit.id!, edit, `sections.${edits.indexOf(edit)}`)
  for (const [sectionId, planned] of add) await createPlaces(tx, eventId, sectionId, planned)
  const created = edits.map((e, i) => [e, i] as const).filter(([e]) => !e.id)
  for (const [edit, index] of created) {
    const section = await tx.section.create({ data: { ...sectionColumns(edit, index), eventId } })
    await createPlaces(tx, eventId, section.id, buildInventory(edit))
    await createTicketTypes(tx, eventId, section.id, edit)
  }
  return removed.length > 0 || changed.length > 0 || created.length > 0 || typesEdited.length > 0
}
