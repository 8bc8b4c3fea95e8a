import type { Money } from '#shared/types/event'
import { cachedDateTimeFormat, cachedNumberFormat } from './intl-cache'

/** Date and time as the event's own clock shows them, with the zone named so travellers are not misled. */
export function formatEventDate(iso: string, timeZone: string, locale = 'en'): string {
  return cachedDateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso))
}

export function formatMoney({ amountCents, currency }: Money, locale = 'en'): string {
  const digits = amountCents % 100 === 0 ? 0 : 2
  return cachedNumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amountCents / 100)
}

/** A locale code's name in its own language ("Deutsch" for de), as people look for their language. */
export function localeName(code: string): string {
  const name = new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code
  return name.charAt(0).toLocaleUpperCase(code) + name.slice(1)
}

/** The cheapest price as every card and page says it: "Free", or "from €20". */
export function formatPriceFrom(from: Money | null | undefined, locale = 'en'): string {
  if (!from) return ''
  return from.amountCents === 0 ? 'Free' : `from ${formatMoney(from, locale)}`
}
