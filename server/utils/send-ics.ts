import { setResponseHeader, type H3Event } from 'h3'

/**
 * An iCalendar document. `cacheControl` says who may keep it: feeds are polled by calendar apps,
 * private ones must not be stored by anything between. `fileName` makes it a download.
 */
export function sendIcs(event: H3Event, ics: string, options: { cacheControl: string, fileName?: string }): string {
  setResponseHeader(event, 'Content-Type', 'text/calendar; charset=utf-8')
  if (options.fileName) setResponseHeader(event, 'Content-Disposition', `attachment; filename="${options.fileName}"`)
  setResponseHeader(event, 'Cache-Control', options.cacheControl)
  return ics
}
