// The public catalogue: published, not yet ended, not disabled; soonest first.
import type { Db, Prisma } from '../../db/client.ts'
import type { ListEventsQuery } from '../../../shared/schemas/events.ts'
import type { EventSummaryDto, Page } from '../../../shared/types/event.ts'
import { availabilityByEvent } from './availability.ts'
import { toEventSummary } from './event-summary.ts'

function startOf(value: string): Date {
  return new Date(value.length === 10 ? `${value}T00:00:00Z` : value)
}

function endOf(value: string): Date {
  // A bare date as the upper bound includes that whole day.
  return value.length === 10 ? new Date(Date.parse(`${value}T00:00:00Z`) + 86_400_000) : new Date(value)
}

export async function listPublicEvents(db: Db, query: ListEventsQuery, now = new Date()): Promise<Page<EventSummaryDto>> {
  const where: Prisma.EventWhereInput = {
    status: 'PUBLISHED',
    disabledAt: null,
    endsAt: { gt: now },
    ...(query.city ? { city: { equals: query.city, mode: 'insensitive' } } : {}),
    ...(query.category ? { category: { equals: query.category, mode: 'insensitive' } } : {}),
    ...(query.organiserId ? { organiserId: query.organiserId } : {}),
    ...(query.q ? { title: { contains: query.q, mode: 'insensitive' } } : {}),
    startsAt: { ...(query.from ? { gte: startOf(query.from) } : {}), ...(query.to ? { lt: endOf(query.to) } : {}) },
  }
  const [total, events] = await Promise.all([
    db.event.count({ where }),
    db.event.findMany({
      where,
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      include: { sections: { select: { priceCents: true, currency: true }, orderBy: { priceCents: 'asc' }, take: 1 } },
    }),
  ])
  const availability = await availabilityByEvent(db, events.map(e => e.id))
  return {
    items: events.map(e => toEventSummary(e, availability.get(e.id) ?? { available: 0, total: 0 })),
    page: query.page,
    pageSize: query.pageSize,
    total,
  }
}
