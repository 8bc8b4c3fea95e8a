// Seat statuses packed 2 bits a seat, 4 seats a byte (seat i in bits 2·(i mod 4)), base64: a
// 10,000-seat arena's statuses fit in 3.3 KB. Used by the server (encode) and the browser (decode).
import type { PlaceStatus } from '../types/event'

const CODES: readonly PlaceStatus[] = ['AVAILABLE', 'HELD', 'BOOKED']
const CODE_OF: Record<PlaceStatus, number> = { AVAILABLE: 0, HELD: 1, BOOKED: 2 }

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

export function encodeStatuses(statuses: readonly PlaceStatus[]): string {
  const bytes = new Uint8Array(Math.ceil(statuses.length / 4))
  statuses.forEach((status, i) => { bytes[i >> 2]! |= CODE_OF[status] << ((i & 3) * 2) })
  return toBase64(bytes)
}

/** The first `count` statuses of a packed string; seats past its end read as BOOKED (not sellable). */
export function decodeStatuses(packed: string, count: number): PlaceStatus[] {
  const binary = atob(packed)
  const out: PlaceStatus[] = Array.from({ length: count })
  for (let i = 0; i < count; i++) {
    const byte = (i >> 2) < binary.length ? binary.charCodeAt(i >> 2) : 0b10101010
    out[i] = CODES[(byte >> ((i & 3) * 2)) & 3] ?? 'BOOKED'
  }
  return out
}
