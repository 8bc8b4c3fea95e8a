// Intl formatters, built once per locale and options and then reused. Building one is what costs:
// a Chromium trace of a first visit (tests/load/main-thread-trace.ts, CPU 4× slower) spent ~200 ms of the
// home page's hydration task constructing Intl.DateTimeFormat in formatEventDate (once per date on every
// card) and ~165 ms of the event page's in Intl.NumberFormat (once per price); formatting with a built
// one is cheap. The server renders the same strings, so it reuses them as well. No alias imports: the unit
// tests load the files that use this directly.

const MAX_ENTRIES = 200 // locales × zones × currencies seen by one process; beyond it, start afresh

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>()
const numberFormats = new Map<string, Intl.NumberFormat>()

function cached<F>(cache: Map<string, F>, key: string, build: () => F): F {
  let format = cache.get(key)
  if (!format) {
    format = build() // an invalid zone or currency throws here, as before, and nothing is cached
    if (cache.size >= MAX_ENTRIES) cache.clear()
    cache.set(key, format)
  }
  return format
}

export function cachedDateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(dateTimeFormats, `${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options))
}

export function cachedNumberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached(numberFormats, `${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options))
}
