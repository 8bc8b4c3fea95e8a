import { createEventBody, updateEventBody } from '#shared/schemas/events'
import type { EventDetailDto, SectionKind } from '#shared/types/event'

/** One section as the builder edits it: text inputs, turned into numbers when sent. */
export interface SectionDraft {
  key: string
  id?: string
  name: string
  kind: SectionKind
  price: string
  currency: string
  rows: string
  seatsPerRow: string
  capacity: string
  entrance: string
  /** Ticket types; none: one "Standard" type at the section's price (the server's default). */
  types: TypeDraft[]
}

/** One ticket type as the builder edits it; windows on the event's own clock. */
export interface TypeDraft {
  key: string
  id?: string
  name: string
  price: string
  quota: string
  maxPerOrder: string
  salesStartLocal: string
  salesEndLocal: string
  hidden: boolean
}

export function newType(partial: Partial<TypeDraft> = {}): TypeDraft {
  return { key: `t${keys++}`, name: '', price: '', quota: '', maxPerOrder: '', salesStartLocal: '', salesEndLocal: '', hidden: false, ...partial }
}

interface EventDraft {
  title: string
  description: string
  category: string
  venue: { name: string, address: string, city: string }
  /** `YYYY-MM-DDTHH:mm` on the event's own clock, as <input type="datetime-local"> reads it. */
  startsLocal: string
  endsLocal: string
  timezone: string
  holdMinutes: string
  sections: SectionDraft[]
}

let keys = 0
export function newSection(partial: Partial<SectionDraft> = {}): SectionDraft {
  return { key: `s${keys++}`, name: '', kind: 'SEATED', price: '', currency: 'EUR', rows: '5', seatsPerRow: '10', capacity: '', entrance: '', types: [], ...partial }
}

function offsetMs(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(utcMs)
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find(p => p.type === type)?.value)
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second')) - Math.floor(utcMs / 1000) * 1000
}

/** The instant a wall-clock time in `timeZone` names; undefined for an empty or bad input. */
function zonedToIso(local: string, timeZone: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local)
  if (!m) return undefined
  try {
    const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!)
    let utc = wall - offsetMs(wall, timeZone)
    utc = wall - offsetMs(utc, timeZone) // a second look settles days when clocks change
    return new Date(utc).toISOString()
  } catch {
    return undefined
  }
}

function isoToZoned(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(iso))
  const p = (type: Intl.DateTimeFormatPartTypes) => parts.find(x => x.type === type)?.value ?? '00'
  return `${p('year')}-${p('month')}-${p('day')}T${p('hour')}:${p('minute')}`
}

// <input type="number"> hands v-model a number once typed into, a string before.
const text = (s: string | number) => String(s ?? '').trim()
const num = (s: string | number) => (text(s) === '' ? undefined : Number(text(s)))
const cents = (s: string | number) => (text(s) === '' ? undefined : Math.round(Number(text(s).replace(',', '.')) * 100))

function typeBody(t: TypeDraft, timezone: string) {
  return {
    ...(t.id ? { id: t.id } : {}),
    name: t.name, priceCents: cents(t.price), quota: num(t.quota) ?? null, maxPerOrder: num(t.maxPerOrder) ?? null,
    salesStart: t.salesStartLocal ? zonedToIso(t.salesStartLocal, timezone) : null,
    salesEnd: t.salesEndLocal ? zonedToIso(t.salesEndLocal, timezone) : null,
    hidden: t.hidden,
  }
}

function sectionBody(s: SectionDraft, timezone: string) {
  const seated = s.kind === 'SEATED'
  return {
    ...(s.id ? { id: s.id } : {}),
    name: s.name, kind: s.kind, priceCents: cents(s.price), currency: s.currency.trim().toUpperCase(),
    rows: seated ? num(s.rows) : undefined, seatsPerRow: seated ? num(s.seatsPerRow) : undefined,
    capacity: seated ? undefined : num(s.capacity), entrance: s.entrance.trim() || null,
    ...(s.types.length ? { ticketTypes: s.types.map(t => typeBody(t, timezone)) } : {}),
  }
}

function draftBody(d: EventDraft) {
  return {
    title: d.title, description: d.description, category: d.category, venue: { ...d.venue },
    startsAt: zonedToIso(d.startsLocal, d.timezone), endsAt: zonedToIso(d.endsLocal, d.timezone), timezone: d.timezone,
    holdMinutes: num(d.holdMinutes), sections: d.sections.map(s => sectionBody(s, d.timezone)),
  }
}

export function draftFromEvent(e: EventDetailDto): EventDraft {
  return {
    title: e.title, description: e.description, category: e.category, venue: { ...e.venue },
    startsLocal: isoToZoned(e.startsAt, e.timezone), endsLocal: isoToZoned(e.endsAt, e.timezone), timezone: e.timezone,
    holdMinutes: String(e.holdMinutes),
    sections: e.sections.map(s => newSection({
      id: s.id, name: s.name, kind: s.kind, price: (s.price.amountCents / 100).toFixed(2), currency: s.price.currency,
      rows: String(s.rows ?? ''), seatsPerRow: String(s.seatsPerRow ?? ''), capacity: s.kind === 'GA' ? String(s.capacity) : '', entrance: s.entrance ?? '',
      // A lone automatic "Standard" type stays implicit, so it keeps following the section's price.
      types: s.ticketTypes.length === 1 && s.ticketTypes[0]!.name === 'Standard' && s.ticketTypes[0]!.price.amountCents === s.price.amountCents
        ? []
        : s.ticketTypes.map(t => newType({
            id: t.id, name: t.name, price: (t.price.amountCents / 100).toFixed(2), quota: t.quota === null ? '' : String(t.quota),
            maxPerOrder: t.maxPerOrder === null ? '' : String(t.maxPerOrder), hidden: t.hidden,
            salesStartLocal: t.salesStart ? isoToZoned(t.salesStart, e.timezone) : '', salesEndLocal: t.salesEnd ? isoToZoned(t.salesEnd, e.timezone) : '',
          })),
    })),
  }
}

export function blankDraft(): EventDraft {
  return {
    title: '', description: '', category: '', venue: { name: '', address: '', city: '' }, startsLocal: '', endsLocal: '',
    timezone: 'UTC', holdMinutes: '10', sections: [newSection({ name: 'Stalls', price: '25.00' })],
  }
}

const DATE_MESSAGES = { startsAt: 'Enter the start date and time.', endsAt: 'Enter the end date and time.' } as const

/** Form errors keyed by the request body's paths ("venue.city", "sections.0.rows"). */
export function useOrganiseEventForm(initial: EventDraft) {
  const draft = reactive(initial) as EventDraft
  const errors = ref<Record<string, string>>({})
  const formError = ref('')

  function setIssues(issues: { path: string, message: string }[]) {
    const next: Record<string, string> = {}
    for (const i of issues) {
      const path = i.path === '(body)' ? '' : i.path
      if (path && !next[path]) next[path] = i.message
      else if (!path) formError.value ||= i.message
    }
    errors.value = next
  }

  /** The body to send, or undefined with the shared schema's messages on the fields. */
  function validated(mode: 'create' | 'update') {
    errors.value = {}
    formError.value = ''
    const result = (mode === 'create' ? createEventBody : updateEventBody).safeParse(draftBody(draft))
    if (result.success) return result.data
    // An empty or half-typed date reaches the schema as no ISO instant: say what to enter instead.
    const friendly = (path: string, code: string, message: string) => (code !== 'custom' && path in DATE_MESSAGES ? DATE_MESSAGES[path as keyof typeof DATE_MESSAGES] : message)
    setIssues(result.error.issues.map((i) => {
      const path = i.path.map(String).join('.')
      return { path, message: friendly(path, i.code, i.message) }
    }))
    return undefined
  }

  function fromApi(error: unknown) {
    errors.value = {}
    formError.value = ''
    const body = apiErrorOf(error)
    const issues = validationIssuesOf(body)
    if (issues.length) return setIssues(issues)
    formError.value = body?.code === 'INVENTORY_IN_USE'
      ? `${body.message} Places that someone has bought or is holding cannot be removed: keep those sections at least as large, or wait until the holds lapse.`
      : body?.message ?? 'Bookify could not be reached. Check your connection and try again.'
  }

  return { draft, errors, formError, validated, fromApi }
}
