// The demo catalogue: published events over the next three months in six cities, mixing seated
// sections (drawn as seat maps) with general admission, so every screen has something to show.
import type { SectionSpec } from '../../server/domain/events/build-inventory.ts'

export interface DemoSection extends SectionSpec {
  priceCents: number
  currency: 'EUR' | 'GBP'
}

export interface DemoEvent {
  title: string
  category: 'Music' | 'Theatre' | 'Comedy' | 'Tech' | 'Sports' | 'Film'
  city: string
  timezone: string
  venueName: string
  venueAddress: string
  /** Days from now, and the local start time in the event's zone. */
  inDays: number
  startsAt: string
  durationMinutes: number
  description: string
  sections: DemoSection[]
}

const STALLS = { name: 'Stalls', kind: 'SEATED', rows: 8, seatsPerRow: 12 } as const
const BALCONY = { name: 'Balcony', kind: 'SEATED', rows: 4, seatsPerRow: 10 } as const
const eur = (cents: number) => ({ priceCents: cents, currency: 'EUR' as const })
const gbp = (pence: number) => ({ priceCents: pence, currency: 'GBP' as const })

const BERLIN = { city: 'Berlin', timezone: 'Europe/Berlin' }
const LISBON = { city: 'Lisbon', timezone: 'Europe/Lisbon' }
const LONDON = { city: 'London', timezone: 'Europe/London' }
const AMSTERDAM = { city: 'Amsterdam', timezone: 'Europe/Amsterdam' }
const PARIS = { city: 'Paris', timezone: 'Europe/Paris' }
const BARCELONA = { city: 'Barcelona', timezone: 'Europe/Madrid' }

export const DEMO_EVENTS: readonly DemoEvent[] = [
  {
    ...BERLIN, title: 'Nachtfarben: Modular Synth Orchestra', category: 'Music', inDays: 4, startsAt: '20:00', durationMinutes: 150,
    venueName: 'Columbiahalle', venueAddress: 'Columbiadamm 13–21, 10965 Berlin',
    description: 'Twelve players, forty modular cases and a light show built from oscilloscope traces. An evening of slowly unfolding techno-classical pieces; the balcony has the best view of the visuals.',
    sections: [{ name: 'Standing', kind: 'GA', capacity: 200, ...eur(3900) }, { ...BALCONY, ...eur(5500) }],
  },
  {
    ...LONDON, title: 'Late Night Stand-Up Showcase', category: 'Comedy', inDays: 7, startsAt: '21:30', durationMinutes: 120,
    venueName: 'The Comedy Store', venueAddress: '1a Oxendon Street, London SW1Y 4EE',
    description: 'Five comics, one compère, no safety net. New material from circuit regulars alongside two acts fresh from the Edinburgh Fringe. Strictly 18+.',
    sections: [{ name: 'Standing', kind: 'GA', capacity: 120, ...gbp(1800) }],
  },
  {
    ...LISBON, title: 'Fado ao Vivo: Noites de Alfama', category: 'Music', inDays: 11, startsAt: '21:00', durationMinutes: 110,
    venueName: 'Coliseu dos Recreios', venueAddress: 'Rua das Portas de Santo Antão 96, 1150-269 Lisboa',
    description: 'Three fadistas and a Portuguese guitar trio bring the intimacy of an Alfama tasca to the Coliseu stage, from Amália classics to new songs of saudade.',
    sections: [{ ...STALLS, ...eur(3500) }, { ...BALCONY, ...eur(2500) }],
  },
  {
    ...AMSTERDAM, title: 'Metropolis with Live Organ', category: 'Film', inDays: 16, startsAt: '19:45', durationMinutes: 165,
    venueName: 'Pathé Tuschinski', venueAddress: 'Reguliersbreestraat 26–34, 1017 CN Amsterdam',
    description: "Fritz Lang's restored 1927 masterpiece, accompanied live on the Tuschinski's Wurlitzer organ. The full 2010 restoration, with Dutch and English intertitles.",
    sections: [{ ...STALLS, ...eur(1950) }, { ...BALCONY, ...eur(2400) }],
  },
  {
    ...PARIS, title: 'Stand-Up in English: Paris Edition', category: 'Comedy', inDays: 20, startsAt: '20:30', durationMinutes: 90,
    venueName: 'Le Point Virgule', venueAddress: '7 Rue Sainte-Croix de la Bretonnerie, 75004 Paris',
    description: "Expats, locals and the occasionally confused tourist: an English-language line-up on life in Paris, bureaucracy, bakeries and the Métro at rush hour.",
    sections: [{ name: 'Salle', kind: 'SEATED', rows: 6, seatsPerRow: 10, ...eur(2200) }],
  },
  {
    ...LONDON, title: 'Much Ado About Nothing', category: 'Theatre', inDays: 24, startsAt: '19:30', durationMinutes: 170,
    venueName: 'Barbican Theatre', venueAddress: 'Silk Street, London EC2Y 8DS',
    description: "Shakespeare's sharpest comedy of wits, set in a 1950s Sicilian seaside hotel. Beatrice and Benedick spar, Dogberry blunders, and the summer ends in a wedding. Running time about 2 h 50 min with one interval.",
    sections: [{ name: 'Stalls', kind: 'SEATED', rows: 10, seatsPerRow: 16, ...gbp(4500) }, { name: 'Circle', kind: 'SEATED', rows: 5, seatsPerRow: 14, ...gbp(2800) }],
  },
  {
    ...LISBON, title: 'Web Craft Lisbon: Building for the Edge', category: 'Tech', inDays: 29, startsAt: '09:00', durationMinutes: 540,
    venueName: 'LX Factory', venueAddress: 'Rua Rodrigues de Faria 103, 1300-501 Lisboa',
    description: 'A one-day, single-track conference on fast, resilient web apps: offline-first PWAs, streaming SSR, edge databases and the art of not shipping JavaScript. Lunch and coffee included.',
    sections: [{ name: 'Conference pass', kind: 'GA', capacity: 250, ...eur(14900) }],
  },
  {
    ...BARCELONA, title: 'Guitarra Flamenca at the Palau', category: 'Music', inDays: 34, startsAt: '20:00', durationMinutes: 100,
    venueName: 'Palau de la Música Catalana', venueAddress: 'Carrer del Palau de la Música 4–6, 08003 Barcelona',
    description: 'Solo and duo flamenco guitar under the Palau’s stained-glass skylight: soleá, bulerías and alegrías, with a guest cajón player in the second half.',
    sections: [{ ...STALLS, ...eur(4500) }, { ...BALCONY, ...eur(3000) }],
  },
  {
    ...AMSTERDAM, title: 'The Harbour Lights + Support', category: 'Music', inDays: 41, startsAt: '20:30', durationMinutes: 180,
    venueName: 'Paradiso', venueAddress: 'Weteringschans 6–8, 1017 SG Amsterdam',
    description: 'The Rotterdam indie five-piece play their second album in full in the old church hall, with a support set from Utrecht dream-pop duo Vaag.',
    sections: [{ name: 'Standing', kind: 'GA', capacity: 300, ...eur(2700) }],
  },
  {
    ...PARIS, title: 'AI Builders Day', category: 'Tech', inDays: 47, startsAt: '10:00', durationMinutes: 480,
    venueName: 'Station F', venueAddress: '5 Parvis Alan Turing, 75013 Paris',
    description: 'Demos, not decks: founders and engineers show what they built with language models this year and what broke in production. Free entry; registration required.',
    sections: [{ name: 'General admission', kind: 'GA', capacity: 400, ...eur(0) }],
  },
  {
    ...BERLIN, title: 'The Threepenny Opera', category: 'Theatre', inDays: 53, startsAt: '19:30', durationMinutes: 180,
    venueName: 'Admiralspalast', venueAddress: 'Friedrichstraße 101, 10117 Berlin',
    description: 'Brecht and Weill’s ballad opera returns to the city where it premiered, in a lean new staging with a nine-piece band. Performed in German with English surtitles.',
    sections: [{ ...STALLS, ...eur(4800) }, { ...BALCONY, ...eur(3200) }],
  },
  {
    ...BARCELONA, title: 'Beach Volleyball Open: Finals Day', category: 'Sports', inDays: 60, startsAt: '11:00', durationMinutes: 420,
    venueName: 'Platja de la Nova Icària', venueAddress: 'Platja de la Nova Icària, 08005 Barcelona',
    description: 'Semi-finals in the morning, women’s and men’s finals at sunset. Grandstand seating is unreserved; bring a hat.',
    sections: [{ name: 'Grandstand', kind: 'GA', capacity: 500, ...eur(1500) }],
  },
  {
    ...LONDON, title: '70mm: 2001: A Space Odyssey', category: 'Film', inDays: 68, startsAt: '18:45', durationMinutes: 160,
    venueName: 'Barbican Cinema 1', venueAddress: 'Silk Street, London EC2Y 8DS',
    description: 'Kubrick’s odyssey as it was meant to be seen: a 70 mm print, with overture, intermission and entr’acte. Introduced by a film historian.',
    sections: [{ name: 'Auditorium', kind: 'SEATED', rows: 6, seatsPerRow: 12, ...gbp(1400) }],
  },
  {
    ...AMSTERDAM, title: 'Amsterdam Canal Run 10K', category: 'Sports', inDays: 76, startsAt: '09:30', durationMinutes: 180,
    venueName: 'Museumplein', venueAddress: 'Museumplein, 1071 DJ Amsterdam',
    description: 'A flat, fast 10 km loop along the Prinsengracht and Amstel, starting and finishing in front of the Rijksmuseum. Chip timing and a finisher’s medal included.',
    sections: [{ name: 'Runner', kind: 'GA', capacity: 600, ...eur(3200) }],
  },
  {
    ...PARIS, title: 'Cyrano de Bergerac', category: 'Theatre', inDays: 85, startsAt: '20:00', durationMinutes: 165,
    venueName: 'Théâtre de la Porte Saint-Martin', venueAddress: '18 Boulevard Saint-Martin, 75010 Paris',
    description: 'Rostand’s swashbuckling romance in verse, on the very stage where it opened in 1897. In French with English surtitles.',
    sections: [{ ...STALLS, ...eur(5200) }, { ...BALCONY, ...eur(3400) }],
  },
]
