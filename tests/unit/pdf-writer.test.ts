import { describe, expect, it } from 'vitest'
import { PdfWriter } from '../../server/domain/documents/pdf-writer.ts'

describe('PdfWriter', () => {
  it('wraps text inside the width and prints what Helvetica lacks as ?', async () => {
    const pdf = await PdfWriter.create('test')
    const lines = pdf.wrap('Fado, Guitar; and Song at the Coliseu dos Recreios in Lisbon on a long summer night', 150, { size: 11 })
    expect(lines.length).toBeGreaterThan(2)
    expect(lines.join(' ')).toBe('Fado, Guitar; and Song at the Coliseu dos Recreios in Lisbon on a long summer night')
    expect(pdf.wrap('x'.repeat(200), 100).every(l => l.length < 200)).toBe(true)
    expect(pdf.printable('Produções € — 東京')).toBe('Produções € — ??')
    pdf.newPage().text('Produções 東京').qr('ABC123', 100)
    const bytes = await pdf.bytes()
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-')
  })
})
