// A deterministic synthetic catalogue for the search benchmark, generated from word lists.
import type { SearchSource } from '../../server/domain/search/build-payload.ts'
import {
  ADJECTIVES, BAND_WORDS, CATEGORIES, CITIES, DESCRIPTION_TEMPLATES, FIRST_NAMES, GENRES, NOUNS, PLACES,
  SURNAMES, TITLE_TEMPLATES, VENUE_KINDS,
} from './search-word-lists.ts'

/** mulberry32: small, fast and repeatable, so every run measures the same catalogue. */
export function randomSource(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const DAY_MS = 86_400_000

export function generateCatalogue(size: number, seed = 42, now = Date.now()): SearchSource[] {
  const random = randomSource(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const capitalise = (s: string) => s.replace(/\b\p{L}/gu, c => c.toUpperCase())
  const person = () => `${pick(FIRST_NAMES)} ${pick(SURNAMES)}`
  const artists = Array.from({ length: Math.max(50, size / 20) }, () => random() < 0.5 ? person() : `The ${pick(ADJECTIVES)} ${pick(BAND_WORDS)}`)
  const organisers = Array.from({ length: Math.max(20, size / 50) }, () => random() < 0.6 ? person() : `${pick(NOUNS)} ${pick(['Productions', 'Live', 'Collective', 'Events', 'Promotions'])}`)
  const venues = CITIES.map(([city, timezone]) => ({
    city,
    timezone,
    names: Array.from({ length: 12 }, () => `${random() < 0.5 ? pick(SURNAMES) : pick(NOUNS)} ${pick(VENUE_KINDS)}`),
  }))

  return Array.from({ length: size }, (_, i) => {
    const category = pick(CATEGORIES)
    const genre = pick(GENRES[category])
    const { city, timezone, names } = pick(venues)
    const venueName = pick(names)
    const artist = pick(artists)
    const fill = (template: string) => template
      .replace(/\{Adj\}/g, () => pick(ADJECTIVES)).replace(/\{adj\}/g, () => pick(ADJECTIVES).toLowerCase())
      .replace(/\{Noun\}/g, () => pick(NOUNS)).replace(/\{noun\}/g, () => pick(NOUNS).toLowerCase())
      .replace(/\{Genre\}/g, capitalise(genre)).replace(/\{genre\}/g, genre)
      .replace(/\{Place\}/g, pick(PLACES)).replace(/\{place\}/g, pick(PLACES).toLowerCase())
      .replace(/\{Artist\}/g, artist).replace(/\{Venue\}/g, venueName).replace(/\{City\}/g, city)
    const sentences = Array.from({ length: 3 + Math.floor(random() * 3) }, () => fill(pick(DESCRIPTION_TEMPLATES)))
    const startsAt = new Date(now + Math.floor(random() * 365 * DAY_MS))
    return {
      id: `00000000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`,
      title: fill(pick(TITLE_TEMPLATES)),
      description: sentences.join(' '),
      category,
      organiserName: pick(organisers),
      venueName,
      city,
      startsAt,
      endsAt: new Date(startsAt.getTime() + (1 + Math.floor(random() * 8)) * 3_600_000),
      timezone,
      priceFrom: random() < 0.1 ? null : { amountCents: Math.floor(random() * 120) * 100, currency: random() < 0.8 ? 'EUR' : 'GBP' },
    }
  })
}
