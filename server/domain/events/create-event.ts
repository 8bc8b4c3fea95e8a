// POST /api/events: a draft event, its sections and every place, in one transaction.
import type { Db } from '../../db/client.ts'
import type { CreateEventBody, SectionInput } from '../../../shared/schemas/events.ts'
import type { EventDetailDto } from '../../../shared/types/event.ts'
import { auditEvent } from './audit.ts'
import { buildInventory } from './build-inventory.ts'
import { createPlaces } from './create-places.ts'
import { eventDetail } from './event-detail.ts'
import type { AfterCommit } from '../ports.ts'
import { saveWaitingRoom } from '../queue/room-settings.ts'
import { paymentSettingsColumns } from './payment-settings.ts'
import { createTicketTypes } from './ticket-types.ts'

interface CreateEventOptions {
  /** config().holdMinutesDefault, used when the body names no hold length. */
  holdMinutesDefault: number
  /** Told when the event came with a waiting room. */
  effects?: Pick<AfterCommit, 'waitingRoomChanged'>
}

/** The section columns of a (validated) section spec; capacity is derived for seated sections. */
export function sectionColumns(s: SectionInput, sortOrder: number) {
  const seated = s.kind === 'SEATED'
  return {
    name: s.name,
    kind: s.kind,
    priceCents: s.priceCents,
    currency: s.currency,
    capacity: seated ? s.rows! * s.seatsPerRow! : s.capacity!,
    rows: seated ? s.rows! : null,
    seatsPerRow: seated ? s.seatsPerRow! : null,
    entrance: s.entrance || null,
    sortOrder,
  }
}

export async function createEvent(db: Db, organiserId: string, body: CreateEventBody, options: CreateEventOptions): Promise<EventDetailDto> {
  const created = await db.$transaction(async (tx) => {
    const event = await tx.event.create({
      data: {
        organiserId,
        title: body.title,
        description: body.description,
        category: body.category,
        startsAt: new Date(body.startsAt),
        endsAt: new Date(body.endsAt),
        timezone: body.timezone,
        venueName: body.venue.name,
        venueAddress: body.venue.address,
        city: body.venue.city,
        holdMinutes: body.holdMinutes ?? options.holdMinutesDefault,
        ...paymentSettingsColumns(body),
      },
    })
    for (const [index, spec] of body.sections.entries()) {
      const section = await tx.section.create({ data: { ...sectionColumns(spec, index), eventId: event.id } })
      await createPlaces(tx, event.id, section.id, buildInventory(spec))
      await createTicketTypes(tx, event.id, section.id, spec)
    }
    await saveWaitingRoom(tx, event.id, body)
    await auditEvent(tx, organiserId, event.id, 'event.created')
    return eventDetail(tx, event.id)
  }, { maxWait: 10_000, timeout: 60_000 })
  if (created.waitingRoom) await options.effects?.waitingRoomChanged(created.id)
  return created
}
