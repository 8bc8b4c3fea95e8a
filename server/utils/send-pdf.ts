import { setResponseHeader, type H3Event } from 'h3'

/** A generated PDF as a download; private, since it names the buyer. */
export function sendPdf(event: H3Event, pdf: { fileName: string, bytes: Uint8Array }): Buffer {
  setResponseHeader(event, 'Content-Type', 'application/pdf')
  setResponseHeader(event, 'Content-Disposition', `attachment; filename="${pdf.fileName}"`)
  setResponseHeader(event, 'Cache-Control', 'private, no-store')
  return Buffer.from(pdf.bytes)
}
