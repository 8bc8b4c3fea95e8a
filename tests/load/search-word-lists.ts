// Word lists for the synthetic search catalogue: enough variety that titles, descriptions and
// names read like a real events site and the vocabulary grows the way a real one does.
export const CATEGORIES = ['Music', 'Theatre', 'Comedy', 'Tech', 'Sports', 'Film', 'Food', 'Art', 'Family', 'Talks'] as const

export const CITIES: readonly [string, string][] = [
  ['Berlin', 'Europe/Berlin'], ['Hamburg', 'Europe/Berlin'], ['Munich', 'Europe/Berlin'], ['Cologne', 'Europe/Berlin'],
  ['Leipzig', 'Europe/Berlin'], ['Vienna', 'Europe/Vienna'], ['Zurich', 'Europe/Zurich'], ['Geneva', 'Europe/Zurich'],
  ['Paris', 'Europe/Paris'], ['Lyon', 'Europe/Paris'], ['Marseille', 'Europe/Paris'], ['Bordeaux', 'Europe/Paris'],
  ['London', 'Europe/London'], ['Manchester', 'Europe/London'], ['Glasgow', 'Europe/London'], ['Edinburgh', 'Europe/London'],
  ['Bristol', 'Europe/London'], ['Dublin', 'Europe/Dublin'], ['Amsterdam', 'Europe/Amsterdam'], ['Rotterdam', 'Europe/Amsterdam'],
  ['Utrecht', 'Europe/Amsterdam'], ['Brussels', 'Europe/Brussels'], ['Antwerp', 'Europe/Brussels'], ['Lisbon', 'Europe/Lisbon'],
  ['Porto', 'Europe/Lisbon'], ['Madrid', 'Europe/Madrid'], ['Barcelona', 'Europe/Madrid'], ['Valencia', 'Europe/Madrid'],
  ['Seville', 'Europe/Madrid'], ['Milan', 'Europe/Rome'], ['Rome', 'Europe/Rome'], ['Turin', 'Europe/Rome'],
  ['Bologna', 'Europe/Rome'], ['Copenhagen', 'Europe/Copenhagen'], ['Stockholm', 'Europe/Stockholm'], ['Oslo', 'Europe/Oslo'],
  ['Helsinki', 'Europe/Helsinki'], ['Prague', 'Europe/Prague'], ['Warsaw', 'Europe/Warsaw'], ['Budapest', 'Europe/Budapest'],
]

export const GENRES: Record<(typeof CATEGORIES)[number], readonly string[]> = {
  Music: ['jazz', 'techno', 'folk', 'indie rock', 'hip hop', 'soul', 'blues', 'opera', 'chamber music', 'punk', 'reggae', 'ambient', 'flamenco', 'fado', 'gospel', 'metal', 'disco', 'house', 'bluegrass', 'baroque'],
  Theatre: ['tragedy', 'comedy of manners', 'musical', 'puppet theatre', 'improv', 'ballet', 'cabaret', 'physical theatre', 'monologue', 'verse drama'],
  Comedy: ['stand-up', 'sketch comedy', 'improv comedy', 'satire', 'open mic', 'roast', 'comedy club'],
  Tech: ['web development', 'machine learning', 'cloud infrastructure', 'security', 'databases', 'open source', 'mobile apps', 'design systems', 'robotics', 'data engineering'],
  Sports: ['football', 'basketball', 'volleyball', 'tennis', 'cycling', 'marathon', 'boxing', 'climbing', 'rowing', 'handball'],
  Film: ['silent film', 'documentary', 'film noir', 'animation', 'science fiction', 'horror', 'short films', 'western', 'arthouse'],
  Food: ['wine tasting', 'street food', 'cheese', 'craft beer', 'vegan cooking', 'chocolate', 'coffee', 'sourdough', 'sushi', 'tapas'],
  Art: ['photography', 'sculpture', 'printmaking', 'ceramics', 'street art', 'watercolour', 'installation', 'illustration'],
  Family: ['storytelling', 'magic show', 'science show', 'circus', 'puppets', 'dinosaurs', 'craft workshop'],
  Talks: ['history', 'philosophy', 'architecture', 'climate', 'economics', 'astronomy', 'poetry', 'travel writing'],
}

export const TITLE_TEMPLATES: readonly string[] = [
  '{Adj} {Genre} Night', '{Artist} Live at {Venue}', '{City} {Genre} Festival', 'An Evening of {Genre}',
  '{Artist}: {Adj} {Noun} Tour', '{Genre} in the {Place}', 'The {Adj} {Noun}', '{Artist} and Friends',
  '{City} {Genre} Weekender', '{Noun} and {Noun}: {Genre} Sessions', '{Adj} {Noun} — {Artist}', 'Late Night {Genre} at {Venue}',
  '{Genre} Masterclass with {Artist}', 'Sunday {Genre} Brunch', '{Artist} Presents {Adj} {Noun}', '{City} {Genre} Summit',
]

export const ADJECTIVES: readonly string[] = [
  'Midnight', 'Golden', 'Electric', 'Silent', 'Velvet', 'Wild', 'Hidden', 'Northern', 'Southern', 'Burning', 'Crystal', 'Lunar',
  'Broken', 'Restless', 'Quiet', 'Radiant', 'Forgotten', 'Endless', 'Secret', 'Neon', 'Copper', 'Scarlet', 'Emerald', 'Paper',
  'Brave', 'Gentle', 'Wandering', 'Summer', 'Winter', 'Autumn', 'Spring', 'Electric', 'Ancient', 'Modern', 'Little', 'Grand',
  'Strange', 'Bright', 'Hollow', 'Distant', 'Sudden', 'Open', 'Slow', 'Rapid', 'Lost', 'Final', 'First', 'Sweet', 'Bitter',
]

export const NOUNS: readonly string[] = [
  'Harbour', 'Garden', 'River', 'Mountain', 'Mirror', 'Lantern', 'Storm', 'Orchard', 'Compass', 'Island', 'Forest', 'Engine',
  'Carnival', 'Machine', 'Balcony', 'Window', 'Horizon', 'Voyage', 'Kingdom', 'Circus', 'Library', 'Station', 'Canal', 'Market',
  'Tide', 'Ember', 'Signal', 'Echo', 'Parade', 'Chorus', 'Rhythm', 'Meadow', 'Comet', 'Atlas', 'Harvest', 'Lighthouse', 'Bridge',
  'Tower', 'Valley', 'Desert', 'Ocean', 'Glacier', 'Cathedral', 'Workshop', 'Festival', 'Shadow', 'Feather', 'Crown', 'Anchor',
]

export const PLACES: readonly string[] = ['Park', 'Old Town', 'Courtyard', 'Cellar', 'Greenhouse', 'Dockyard', 'Cloister', 'Rooftop', 'Boathouse', 'Warehouse']

export const VENUE_KINDS: readonly string[] = ['Hall', 'Arena', 'Theatre', 'Club', 'Centre', 'Playhouse', 'Stadium', 'Gallery', 'Cinema', 'Forum', 'Loft', 'Pavilion']

export const FIRST_NAMES: readonly string[] = [
  'Anna', 'Marta', 'Lena', 'Sofia', 'Clara', 'Ines', 'Julia', 'Nora', 'Elena', 'Maya', 'Lucia', 'Ada', 'Grace', 'Ruth', 'Freya',
  'Oskar', 'Jonas', 'Mateo', 'Luca', 'Felix', 'Hugo', 'Emil', 'Tomas', 'Pavel', 'Ravi', 'Kenji', 'Samir', 'Diego', 'Milan', 'Arvid',
  'Noah', 'Leon', 'Ivan', 'Marco', 'Pierre', 'Hannes', 'Niamh', 'Aoife', 'Saoirse', 'Ewa', 'Zofia', 'Katarina', 'Bruno', 'Joao',
]

export const SURNAMES: readonly string[] = [
  'Kovalenko', 'Schneider', 'Dubois', 'Fernandes', 'Rossi', 'Novak', 'Jensen', 'Lindqvist', 'Moreau', 'Garcia', 'Silva', 'Bauer',
  'Kowalski', 'Horvath', 'Svoboda', 'Nielsen', 'Virtanen', 'Murphy', 'Walsh', 'OBrien', 'Costa', 'Romano', 'Fischer', 'Weber',
  'Laurent', 'Lefevre', 'Martins', 'Pereira', 'Ricci', 'Bianchi', 'Nowak', 'Wojcik', 'Dvorak', 'Hansen', 'Berg', 'Olsen', 'Ahmed',
  'Khan', 'Tanaka', 'Sato', 'Okafor', 'Mensah', 'Haddad', 'Petrov', 'Ivanova', 'Marin', 'Ortega', 'Navarro', 'Castillo', 'Brandt',
]

export const BAND_WORDS: readonly string[] = [
  'Foxes', 'Wolves', 'Sparrows', 'Pilots', 'Strangers', 'Lanterns', 'Machines', 'Rivers', 'Ghosts', 'Kites', 'Satellites', 'Owls',
  'Harpoons', 'Tigers', 'Dreamers', 'Sailors', 'Cassettes', 'Painters', 'Magnets', 'Horses', 'Comets', 'Orchids', 'Ravens', 'Tides',
]

export const DESCRIPTION_TEMPLATES: readonly string[] = [
  '{Artist} brings a {adj} programme of {genre} to {Venue} in {City}.',
  'Expect {adj} sounds, {adj} lights and a room full of people who love {genre}.',
  'Doors open an hour before the start; the bar serves local beer, wine and soft drinks.',
  'This {adj} evening mixes new work with well-loved classics from the {genre} repertoire.',
  'Tickets are limited, and the {place} fills up quickly, so book early to avoid disappointment.',
  'After the interval, a guest from {City} joins for a set inspired by the {noun} and the {noun}.',
  'The show lasts about two hours including a short break; children under twelve go free.',
  'Critics called the last tour "{adj}, {adj} and utterly unforgettable".',
  'Part of the {City} {genre} season, with talks, workshops and late openings all week.',
  'Seating is unreserved in the {place}; the balcony offers the best view of the stage.',
  'A relaxed performance with step-free access, captioning and a quiet room is available.',
  'Come early for a free introduction to {genre} by {Artist} in the foyer.',
  'Inspired by a {adj} {noun} and a journey along the {noun}, the piece premiered last spring.',
  'Food trucks, a {adj} market and a family area make it a full day out in {City}.',
]
