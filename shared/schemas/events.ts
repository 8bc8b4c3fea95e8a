import { z } from 'zod'
import { pagination } from './pagination'
import { waitingRoomFields } from './queue'
import { eventPaymentFields } from './payments'

const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date())

export const listEventsQuery = z.object({
  ...pagination,
  q: z.string().trim().max(200).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  city: z.string().trim().max(100).optional(),
  category: z.string().trim().max(100).optional(),
  organiserId: z.uuid().optional(),
})
export type ListEventsQuery = z.infer<typeof listEventsQuery>

/** GET /api/events/:id/seats/geometry?v=<version>: the version the availability document named. */
export const seatGeometryQuery = z.object({ v: z.string().trim().max(64).optional() })

export const organiserEventsQuery = z.object({ ...pagination })
export type OrganiserEventsQuery = z.infer<typeof organiserEventsQuery>

/** Limits of one event's inventory; build-inventory.ts enforces the per-section shape the same way. */
export const EVENT_LIMITS = {
  maxSections: 20,
  maxPlaces: 20_000,
  maxRows: 52,
  maxSeatsPerRow: 100,
  maxPriceCents: 10_000_000,
  minHoldMinutes: 2,
  maxHoldMinutes: 60,
} as const

const text = (max: number, label: string) => z.string().trim().min(1, `Enter ${label}.`).max(max, `Use at most ${max} characters.`)

/** An IANA zone name ("Europe/Lisbon"), as Intl knows it; UTC offsets such as "+01:00" are not zones. */
export function isIanaTimeZone(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(value)) return false
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value })
    return true
  } catch {
    return false
  }
}

const timezone = z.string().trim().max(64)
  .refine(isIanaTimeZone, 'Use an IANA time zone such as Europe/Lisbon.')
  .transform(tz => new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone)

const instant = z.iso.datetime({ offset: true, message: 'Use an ISO-8601 date and time with an offset.' })
const count = (max: number) => z.number().int('Use a whole number.').min(1, 'Use at least 1.').max(max, `Use at most ${max}.`)

export const MAX_TICKET_TYPES_PER_SECTION = 10

/** A section's ticket type; `id` names an existing type of that section in an edit. */
export const ticketTypeInput = z.object({
  id: z.uuid('Use the id of one of this section\'s ticket types.').optional(),
  name: text(100, 'a ticket type name'),
  priceCents: z.number().int('Use whole cents.').min(0, 'A price cannot be negative.').max(EVENT_LIMITS.maxPriceCents, `Use at most ${EVENT_LIMITS.maxPriceCents} cents.`),
  description: z.string().trim().max(500, 'Use at most 500 characters.').nullish(),
  salesStart: instant.nullish(),
  salesEnd: instant.nullish(),
  maxPerOrder: count(10).nullish(),
  quota: z.number().int('Use a whole number.').min(0, 'A quota cannot be negative.').max(EVENT_LIMITS.maxPlaces).nullish(),
  hidden: z.boolean().optional().default(false),
}).strict().superRefine((t, ctx) => {
  if (t.salesStart && t.salesEnd && Date.parse(t.salesEnd) <= Date.parse(t.salesStart)) {
    ctx.addIssue({ code: 'custom', path: ['salesEnd'], message: 'Sales must end after they start.' })
  }
})
export type TicketTypeInput = z.infer<typeof ticketTypeInput>

const ticketTypeList = z.array(ticketTypeInput)
  .min(1, 'Add at least one ticket type.')
  .max(MAX_TICKET_TYPES_PER_SECTION, `Use at most ${MAX_TICKET_TYPES_PER_SECTION} ticket types per section.`)
  .superRefine((types, ctx) => {
    const names = new Set<string>()
    types.forEach((t, i) => {
      const key = t.name.toLocaleLowerCase()
      if (names.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `Ticket type names must be unique in a section ("${t.name}" is used twice).` })
      names.add(key)
    })
    if (types.every(t => t.hidden)) ctx.addIssue({ code: 'custom', path: [], message: 'Leave at least one ticket type visible.' })
  })
  .optional()

const sectionFields = z.object({
  name: text(100, 'a section name'),
  kind: z.enum(['SEATED', 'GA']),
  priceCents: z.number().int('Use whole cents.').min(0, 'A price cannot be negative.').max(EVENT_LIMITS.maxPriceCents, `Use at most ${EVENT_LIMITS.maxPriceCents} cents.`),
  currency: z.string().regex(/^[A-Z]{3}$/, 'Use a three-letter ISO currency code in capitals, such as EUR.'),
  rows: count(EVENT_LIMITS.maxRows).nullish(),
  seatsPerRow: count(EVENT_LIMITS.maxSeatsPerRow).nullish(),
  capacity: count(EVENT_LIMITS.maxPlaces).nullish(),
  entrance: z.string().trim().max(200, 'Use at most 200 characters.').nullish(),
  /** Omitted: one "Standard" type at priceCents (in an edit: the section's types stay as they are). */
  ticketTypes: ticketTypeList,
}).strict()

function checkShape(s: z.infer<typeof sectionFields>, ctx: z.RefinementCtx): void {
  if (s.kind === 'SEATED') {
    if (s.rows == null) ctx.addIssue({ code: 'custom', path: ['rows'], message: 'A seated section needs rows.' })
    if (s.seatsPerRow == null) ctx.addIssue({ code: 'custom', path: ['seatsPerRow'], message: 'A seated section needs seats per row.' })
    if (s.rows != null && s.seatsPerRow != null && s.capacity != null && s.capacity !== s.rows * s.seatsPerRow) {
      ctx.addIssue({ code: 'custom', path: ['capacity'], message: `A seated section holds rows × seats per row (${s.rows * s.seatsPerRow}).` })
    }
  } else {
    if (s.capacity == null) ctx.addIssue({ code: 'custom', path: ['capacity'], message: 'A general-admission section needs a capacity.' })
    if (s.rows != null) ctx.addIssue({ code: 'custom', path: ['rows'], message: 'A general-admission section has no rows.' })
    if (s.seatsPerRow != null) ctx.addIssue({ code: 'custom', path: ['seatsPerRow'], message: 'A general-admission section has no seats per row.' })
  }
}

export const sectionInput = sectionFields.superRefine(checkShape)
export type SectionInput = z.infer<typeof sectionInput>

/** How many places a (valid) section spec makes. */
function placesOf(s: Pick<SectionInput, 'kind' | 'rows' | 'seatsPerRow' | 'capacity'>): number {
  return s.kind === 'SEATED' ? (s.rows ?? 0) * (s.seatsPerRow ?? 0) : (s.capacity ?? 0)
}

type SectionLike = Pick<SectionInput, 'name' | 'currency' | 'kind' | 'rows' | 'seatsPerRow' | 'capacity'>

/** Rules across an event's sections: unique names, one currency, bounded total inventory. */
function checkSections(sections: SectionLike[], ctx: z.RefinementCtx): void {
  const names = new Set<string>()
  sections.forEach((s, i) => {
    const key = s.name.toLocaleLowerCase()
    if (names.has(key)) ctx.addIssue({ code: 'custom', path: ['sections', i, 'name'], message: `Section names must be unique ("${s.name}" is used twice).` })
    names.add(key)
    if (s.currency !== sections[0]!.currency) {
      ctx.addIssue({ code: 'custom', path: ['sections', i, 'currency'], message: `All sections of an event use one currency (${sections[0]!.currency}).` })
    }
  })
  const total = sections.reduce((sum, s) => sum + placesOf(s), 0)
  if (total > EVENT_LIMITS.maxPlaces) {
    ctx.addIssue({ code: 'custom', path: ['sections'], message: `An event has at most ${EVENT_LIMITS.maxPlaces} places (these sections make ${total}).` })
  }
}

function checkTimes(b: { startsAt?: string, endsAt?: string }, ctx: z.RefinementCtx): void {
  if (b.startsAt && Date.parse(b.startsAt) <= Date.now()) {
    ctx.addIssue({ code: 'custom', path: ['startsAt'], message: 'The event must start in the future.' })
  }
  if (b.startsAt && b.endsAt && Date.parse(b.endsAt) <= Date.parse(b.startsAt)) {
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'The event must end after it starts.' })
  }
}

const eventFields = {
  title: text(200, 'a title'),
  description: z.string().trim().max(10_000, 'Use at most 10000 characters.'),
  category: text(100, 'a category'),
  startsAt: instant,
  endsAt: instant,
  timezone,
  venue: z.object({ name: text(200, 'the venue name'), address: text(300, 'the venue address'), city: text(100, 'the city') }).strict(),
  holdMinutes: z.number().int('Use whole minutes.').min(EVENT_LIMITS.minHoldMinutes, `Use at least ${EVENT_LIMITS.minHoldMinutes} minutes.`).max(EVENT_LIMITS.maxHoldMinutes, `Use at most ${EVENT_LIMITS.maxHoldMinutes} minutes.`),
}

const sectionList = <S extends z.ZodType>(item: S) => z.array(item)
  .min(1, 'Add at least one section.')
  .max(EVENT_LIMITS.maxSections, `Use at most ${EVENT_LIMITS.maxSections} sections.`)

export const createEventBody = z.object({
  ...eventFields,
  description: eventFields.description.default(''),
  holdMinutes: eventFields.holdMinutes.optional(),
  sections: sectionList(sectionInput),
  ...waitingRoomFields,
  ...eventPaymentFields,
}).strict().superRefine((b, ctx) => {
  checkTimes(b, ctx)
  checkSections(b.sections, ctx)
})
export type CreateEventBody = z.infer<typeof createEventBody>

/** A section in an edit: `id` names an existing section of the event; without it the section is new. */
const sectionEdit = sectionFields.extend({ id: z.uuid('Use the id of one of this event\'s sections.').optional() }).superRefine(checkShape)
export type SectionEdit = z.infer<typeof sectionEdit>

/** Any of the create fields; `sections`, when sent, is the complete new list (missing sections are removed). */
export const updateEventBody = z.object({
  title: eventFields.title.optional(),
  description: eventFields.description.optional(),
  category: eventFields.category.optional(),
  startsAt: instant.optional(),
  endsAt: instant.optional(),
  timezone: timezone.optional(),
  venue: eventFields.venue.partial().optional(),
  holdMinutes: eventFields.holdMinutes.optional(),
  sections: sectionList(sectionEdit).optional(),
  ...waitingRoomFields,
  ...eventPaymentFields,
}).strict().superRefine((b, ctx) => {
  if (Object.keys(b).length === 0) ctx.addIssue({ code: 'custom', path: [], message: 'Send at least one field to change.' })
  checkTimes(b, ctx)
  if (!b.sections) return
  checkSections(b.sections, ctx)
  const seen = new Set<string>()
  b.sections.forEach((s, i) => {
    if (s.id && seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['sections', i, 'id'], message: 'Each section may appear once.' })
    if (s.id) seen.add(s.id)
  })
})
export type UpdateEventBody = z.infer<typeof updateEventBody>
