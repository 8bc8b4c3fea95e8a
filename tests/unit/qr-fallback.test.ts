// The camera fallback decodes a real ticket QR: uqr (which renders the ticket's QR on the server)
// encodes a ticket code, the matrix is drawn as RGBA pixels, and the jsQR decoder reads it back.
import { describe, expect, it } from 'vitest'
import { encode } from 'uqr'
import { loadJsQrDecode } from '../../app/utils/qr-detector.ts'
import { newTicketCode } from '../../server/domain/bookings/codes.ts'

function toPixels(matrix: boolean[][], scale = 6, quiet = 4): { rgba: Uint8ClampedArray, size: number } {
  const size = (matrix.length + quiet * 2) * scale
  const rgba = new Uint8ClampedArray(size * size * 4).fill(255)
  matrix.forEach((row, y) => row.forEach((dark, x) => {
    if (!dark) return
    for (let dy = 0; dy < scale; dy++) {
      for (let dx = 0; dx < scale; dx++) {
        const i = (((y + quiet) * scale + dy) * size + (x + quiet) * scale + dx) * 4
        rgba[i] = rgba[i + 1] = rgba[i + 2] = 0
      }
    }
  }))
  return { rgba, size }
}

describe('QR fallback decoder', () => {
  it.each([1, 2, 3])('reads back ticket code #%i as the server renders it', async () => {
    const code = newTicketCode()
    const { rgba, size } = toPixels(encode(code, { ecc: 'M', border: 0 }).data)
    const decode = await loadJsQrDecode()
    expect(decode(rgba, size, size)).toBe(code)
  })

  it('finds nothing in a blank frame', async () => {
    const decode = await loadJsQrDecode()
    expect(decode(new Uint8ClampedArray(100 * 100 * 4).fill(255), 100, 100)).toBeUndefined()
  })
})
