/**
 * A moment on a given clock, short ("Dec 7, 2026, 8:15 PM GMT+1"), with the zone named. Intl refuses
 * `dateStyle`/`timeStyle` together with `timeZoneName` (a TypeError that blanked the audit log), so
 * the fields are spelled out. No alias imports: the unit tests load this file directly.
 */
import { cachedDateTimeFormat } from './intl-cache'

export function formatDateTime(iso: string, timeZone?: string, locale = 'en'): string {
  return cachedDateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso))
}
