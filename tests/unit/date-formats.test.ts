import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatDateTime } from '../../app/utils/date-time.ts'

// Intl throws "Invalid option" when `dateStyle`/`timeStyle` meet `timeZoneName` (or any single
// field), which blanked the audit log. No options object in the code base may mix them again.
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sources(path)
    return /\.(ts|vue)$/.test(name) ? [path] : []
  })
}

describe('date formats', () => {
  it('never mixes dateStyle/timeStyle with single date-time fields in one options object', () => {
    const offenders = ['app', 'server', 'shared', 'workers'].flatMap(sources).flatMap((file) => {
      const objects = readFileSync(file, 'utf8').match(/\{[^{}]*(?:dateStyle|timeStyle)[^{}]*\}/g) ?? []
      return objects.filter(o => /\b(timeZoneName|weekday|era|year|month|day|hour|minute|second)\s*:/.test(o)).map(o => `${file}: ${o}`)
    })
    expect(offenders).toEqual([])
  })

  it('formats a moment on the event clock with its zone named', () => {
    // ICU versions differ in spaces ("7:15\u202fPM") and in "GMT" vs "GMT+0".
    expect(formatDateTime('2026-12-07T19:15:00Z', 'Europe/Lisbon')).toMatch(/^Dec 7, 2026, 7:15\sPM GMT/)
    expect(formatDateTime('2026-07-07T19:15:00Z', 'Europe/Berlin')).toMatch(/^Jul 7, 2026, 9:15\sPM GMT\+2$/)
  })
})
