import { sqlPool, type Db } from '../../db/client.ts'
import type { HoldDto } from '../../../shared/types/event.ts'
import { DomainError } from '../errors.ts'

interface HoldRow {
  id: string
  event_id: string
  status: HoldDto['status']
  expires_at: Date
  extended_at: Date | null
  total_cents: number
  discount_cents: number
  currency: string
  waitlist_entry_id: string | null
  promo_code: string | null
  place_id: string | null
  price_cents: number | null
  unit_price_cents: number | null
  line_discount_cents: number | null
  ticket_type_id: string | null
  ticket_type_name: string | null
  label: string | null
  section_id: string | null
  section_name: string | null
  kind: HoldDto['items'][number]['kind'] | null
  section_currency: string | null
}

const LOAD_HOLD_SQL = `
  SELECT h.id, h.event_id, h.status::text AS status, h.expires_at, h.extended_at, h.total_cents, h.discount_cents, h.currency,
         h.waitlist_entry_id, pc.code AS promo_code,
         hp.place_id, hp.price_cents, hp.unit_price_cents, hp.discount_cents AS line_discount_cents,
         hp.ticket_type_id, tt.name AS ticket_type_name,
         p.label, s.id AS section_id, s.name AS section_name, s.kind::text AS kind, s.currency AS section_currency
    FROM holds h
    LEFT JOIN promo_codes pc ON pc.id = h.promo_code_id
    LEFT JOIN hold_places hp ON hp.hold_id = h.id
    LEFT JOIN ticket_types tt ON tt.id = hp.ticket_type_id
    LEFT JOIN places p ON p.id = hp.place_id
    LEFT JOIN sections s ON s.id = p.section_id
   WHERE h.id = $1::uuid AND h.user_id = $2::uuid`

/**
 * The caller's hold; another user's hold is "not found", never "forbidden" (invariant 4).
 * One query straight on the pg pool (hold LEFT JOIN its places): it runs after every successful claim,
 * where Prisma's nested include cost four round trips and its raw-query path most of the rest.
 */
export async function loadHold(db: Db, holdId: string, userId: string, now = new Date()): Promise<HoldDto> {
  const { rows } = await sqlPool(db).query<HoldRow>({ name: 'bookify_load_hold', text: LOAD_HOLD_SQL, values: [holdId, userId] })
  const hold = rows[0]
  if (!hold) throw new DomainError('NOT_FOUND', 'There is no such hold.')
  // Lazy expiry: an ACTIVE hold past its time is already expired for every reader.
  const status = hold.status === 'ACTIVE' && hold.expires_at <= now ? 'EXPIRED' : hold.status
  return {
    id: hold.id,
    eventId: hold.event_id,
    status,
    items: rows
      .filter(r => r.place_id !== null)
      .map(r => ({
        placeId: r.place_id!,
        label: r.label!,
        sectionId: r.section_id!,
        sectionName: r.section_name!,
        kind: r.kind!,
        ticketType: { id: r.ticket_type_id!, name: r.ticket_type_name ?? 'Standard' },
        unitPrice: { amountCents: r.unit_price_cents!, currency: r.section_currency! },
        discount: { amountCents: r.line_discount_cents!, currency: r.section_currency! },
        price: { amountCents: r.price_cents!, currency: r.section_currency! },
      }))
      .sort((a, b) => a.sectionName.localeCompare(b.sectionName) || a.label.localeCompare(b.label, 'en', { numeric: true })),
    total: { amountCents: hold.total_cents, currency: hold.currency },
    discount: { amountCents: hold.discount_cents, currency: hold.currency },
    promoCode: hold.promo_code,
    expiresAt: hold.expires_at.toISOString(),
    canExtend: status === 'ACTIVE' && hold.extended_at === null,
    waitlistEntryId: hold.waitlist_entry_id,
  }
}
