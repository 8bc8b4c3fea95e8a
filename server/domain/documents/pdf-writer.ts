// A small layout helper over pdf-lib for Bookify's documents: pages written top to bottom with a
// cursor, wrapped text, rules, label/value rows and QR codes drawn as vector squares (from uqr's
// matrix, so they print sharp at any size). The standard Helvetica fonts cover Latin scripts
// (WinAnsi); a character they cannot show is printed as "?" rather than failing the document.
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib'
import { encode } from 'uqr'

export const A4: [number, number] = [595.28, 841.89]
const MARGIN = 48
const INK = rgb(0.1, 0.1, 0.12)
const MUTED = rgb(0.38, 0.38, 0.42)
const BRAND = rgb(0.263, 0.22, 0.792) // #4338ca, the app's theme colour

export interface TextStyle {
  size?: number
  bold?: boolean
  muted?: boolean
  brand?: boolean
}

export class PdfWriter {
  private page!: PDFPage
  private y = 0
  private readonly size: [number, number]

  private constructor(readonly doc: PDFDocument, private readonly regular: PDFFont, private readonly bold: PDFFont, size: [number, number]) {
    this.size = size
  }

  static async create(title: string, size: [number, number] = A4): Promise<PdfWriter> {
    const doc = await PDFDocument.create()
    doc.setTitle(title)
    doc.setProducer('Bookify')
    doc.setCreator('Bookify')
    const writer = new PdfWriter(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold), size)
    return writer
  }

  get width(): number {
    return this.size[0] - 2 * MARGIN
  }

  newPage(): this {
    this.page = this.doc.addPage(this.size)
    this.y = this.size[1] - MARGIN
    return this
  }

  /** Replaces what the standard fonts cannot encode, so organiser input never breaks a document. */
  printable(text: string, font: PDFFont = this.regular): string {
    const known = new Set(font.getCharacterSet())
    return [...text.replace(/\r?\n/g, ' ')].map(ch => (known.has(ch.codePointAt(0)!) ? ch : '?')).join('')
  }

  private fontOf(style: TextStyle): PDFFont {
    return style.bold ? this.bold : this.regular
  }

  /** Splits text into lines no wider than `width`, breaking at spaces (or inside over-long words). */
  wrap(text: string, width: number, style: TextStyle = {}): string[] {
    const font = this.fontOf(style)
    const size = style.size ?? 11
    const lines: string[] = []
    let line = ''
    for (const word of this.printable(text, font).split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate
        continue
      }
      if (line) lines.push(line)
      line = word
      while (font.widthOfTextAtSize(line, size) > width && line.length > 1) {
        let cut = line.length - 1
        while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut--
        lines.push(line.slice(0, cut))
        line = line.slice(cut)
      }
    }
    if (line) lines.push(line)
    return lines.length ? lines : ['']
  }

  text(text: string, style: TextStyle = {}, options: { x?: number, width?: number, gapAfter?: number } = {}): this {
    const size = style.size ?? 11
    const x = MARGIN + (options.x ?? 0)
    const color = style.brand ? BRAND : style.muted ? MUTED : INK
    for (const line of this.wrap(text, options.width ?? this.width - (options.x ?? 0), style)) {
      this.y -= size * 1.25
      this.page.drawText(line, { x, y: this.y, size, font: this.fontOf(style), color })
    }
    this.y -= options.gapAfter ?? 4
    return this
  }

  /** Label and value side by side; the value wraps in its column. */
  row(label: string, value: string, labelWidth = 110, style: TextStyle = {}): this {
    const top = this.y
    this.text(label, { ...style, bold: true, muted: true }, { width: labelWidth - 8, gapAfter: 0 })
    const afterLabel = this.y
    this.y = top
    this.text(value, style, { x: labelWidth, gapAfter: 0 })
    this.y = Math.min(this.y, afterLabel) - 4
    return this
  }

  /** Text in columns at fixed x offsets; `align: 'right'` columns end at their offset. */
  columns(cells: { text: string, x: number, align?: 'left' | 'right' }[], style: TextStyle = {}): this {
    const size = style.size ?? 10
    const font = this.fontOf(style)
    this.y -= size * 1.3
    for (const cell of cells) {
      const text = this.printable(cell.text, font)
      const width = font.widthOfTextAtSize(text, size)
      const x = MARGIN + (cell.align === 'right' ? cell.x - width : cell.x)
      this.page.drawText(text, { x, y: this.y, size, font, color: style.muted ? MUTED : INK })
    }
    this.y -= 3
    return this
  }

  rule(gap = 8): this {
    this.y -= gap
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: this.size[0] - MARGIN, y: this.y }, thickness: 0.6, color: MUTED })
    this.y -= gap
    return this
  }

  space(points: number): this {
    this.y -= points
    return this
  }

  /** A QR code of `data`, `size` points square, at the left margin plus `x`. */
  qr(data: string, size: number, x = 0): this {
    const { data: matrix } = encode(data, { ecc: 'M', border: 2 })
    const cell = size / matrix.length
    const left = MARGIN + x
    const top = this.y
    this.page.drawRectangle({ x: left, y: top - size, width: size, height: size, color: rgb(1, 1, 1) })
    matrix.forEach((row, r) => row.forEach((dark, c) => {
      if (dark) this.page.drawRectangle({ x: left + c * cell, y: top - (r + 1) * cell, width: cell, height: cell, color: rgb(0, 0, 0) })
    }))
    this.y = top - size - 6
    return this
  }

  /** Moves the cursor back up, for content placed beside what was just drawn. */
  get cursor(): number {
    return this.y
  }

  set cursor(y: number) {
    this.y = y
  }

  async bytes(): Promise<Uint8Array> {
    return this.doc.save()
  }
}
