import { randomBytes } from 'node:crypto'

// Crockford base32: no I, L, O, U — easy to read aloud and to type at the door.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

function base32(bytes: Buffer, length: number): string {
  let out = ''
  let bits = 0
  let value = 0
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5 && out.length < length) {
      out += ALPHABET[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  return out
}

/** 130 random bits: unguessable, so a ticket code alone is proof of the ticket. */
export function newTicketCode(): string {
  return base32(randomBytes(17), 26)
}

/** A short human reference like BK-7Q4M2X (30 bits; uniqueness is enforced by the database). */
export function newBookingReference(): string {
  return `BK-${base32(randomBytes(4), 6)}`
}
