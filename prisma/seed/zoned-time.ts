// Wall-clock times in an IANA zone without a date library: demo events start at a local hour
// ("19:30 in Lisbon"), whatever the zone of the machine running the seed.

function offsetMs(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(utcMs)
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find(p => p.type === type)?.value)
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'))
  return asUtc - Math.floor(utcMs / 1000) * 1000
}

/** The instant that reads `time` ("HH:MM") in `timeZone`, on the local date `days` days after `from`. */
export function localTimeInDays(from: Date, days: number, time: string, timeZone: string): Date {
  const day = new Date(from.getTime() + days * 86_400_000)
  const ymd = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(day)
  const [y = 0, m = 1, d = 1] = ymd.split('-').map(Number)
  const [hh = 0, mm = 0] = time.split(':').map(Number)
  const wallClockAsUtc = Date.UTC(y, m - 1, d, hh, mm)
  // The zone's offset at the guessed instant; a second look settles days when clocks change.
  let utc = wallClockAsUtc - offsetMs(wallClockAsUtc, timeZone)
  utc = wallClockAsUtc - offsetMs(utc, timeZone)
  return new Date(utc)
}
