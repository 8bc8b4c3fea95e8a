// Invoices and PDFs: invoice numbers stay gap-free per organiser under 50 concurrent confirmations
// (and after a rolled-back issue), the tickets and invoice PDFs parse and say what they must, and
// only the buyer and the event's organisers may download them.
import { PDFParse } from 'pdf-parse'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nextDocumentNumber } from '../../server/domain/invoices/issue-documents.ts'
import { settleCheckout } from '../../server/domain/payments/settle-checkout.ts'
import { createPublishedEvent, createUsers, testDb, type TestUser } from '../support/fixtures.ts'
import { call, returnFromCheckout, startCheckout, startPaymentsWorld, type PaymentsWorld } from '../support/payments-world.ts'

let world: PaymentsWorld
let organiser: TestUser
let buyers: TestUser[]

beforeAll(async () => {
  world = await startPaymentsWorld()
  ;[organiser, ...buyers] = await createUsers(53) as [TestUser, ...TestUser[]]
})
afterAll(() => world?.stop())

async function pdfText(bytes: Buffer): Promise<{ text: string, pages: number }> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) })
  try {
    const result = await parser.getText()
    return { text: result.text, pages: result.pages.length }
  } finally {
    await parser.destroy()
  }
}

describe('invoice numbers', () => {
  it('run 1…50 without a gap or a repeat when 50 payments are confirmed at once', async () => {
    const event = await createPublishedEvent(organiser.id, [{ name: 'Floor', kind: 'SEATED', rows: 6, seatsPerRow: 10, priceCents: 1990 }])
    const sessions = []
    for (let i = 0; i < 50; i++) {
      const checkout = await startCheckout(world, buyers[i]!.token, event.id, [event.sections[0]!.placeIds[i]!])
      await world.stripe.pay(checkout.sessionId)
      sessions.push(await world.gateway.retrieveCheckout(checkout.sessionId))
    }
    const settled = await Promise.all(sessions.map(s => settleCheckout(testDb(), world.effects.effects, s)))
    expect(settled.every(s => s.outcome === 'confirmed')).toBe(true)
    const numbers = (await testDb().invoice.findMany({ where: { organiserId: organiser.id, kind: 'INVOICE' }, select: { number: true } })).map(i => i.number).sort((a, b) => a - b)
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))

    // A document whose transaction rolls back gives its number back.
    await expect(testDb().$transaction(async (tx) => {
      expect(await nextDocumentNumber(tx, organiser.id, 'INVOICE')).toBe(51)
      throw new Error('rolled back')
    })).rejects.toThrow('rolled back')
    const counter = await testDb().invoiceCounter.findUniqueOrThrow({ where: { organiserId_kind: { organiserId: organiser.id, kind: 'INVOICE' } } })
    expect(counter.lastNumber).toBe(50)
    // Another organiser counts from 1 on their own.
    await expect(testDb().$transaction(async (tx) => {
      expect(await nextDocumentNumber(tx, buyers[51]!.id, 'INVOICE')).toBe(1)
      throw new Error('rolled back')
    })).rejects.toThrow('rolled back')

    const list = await call(world, 'GET', '/api/organiser/invoices?pageSize=100', { token: organiser.token })
    expect(list.body.total).toBe(50)
    expect(list.body.items[0]).toMatchObject({ kind: 'INVOICE', number: expect.stringMatching(/^INV-0000\d\d$/), total: { amountCents: 1990, currency: 'EUR' }, event: { id: event.id } })
    const csv = await call(world, 'GET', '/api/organiser/invoices?format=csv', { token: organiser.token })
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const lines = String(csv.body).replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(lines[0]).toBe('Number,Kind,Issued at,Booking reference,Event,Buyer,Buyer e-mail,Net,Tax,Gross,Tax rate %,Currency')
    expect(lines).toHaveLength(51)
    // Oldest first, and issue times follow the numbers even though the 50 ran at once.
    expect(lines.slice(1).map(l => l.split(',')[0])).toEqual(Array.from({ length: 50 }, (_, i) => `INV-${String(i + 1).padStart(6, '0')}`))
    const issued = lines.slice(1).map(l => Date.parse(l.split(',')[2]!))
    expect(issued).toEqual([...issued].sort((a, b) => a - b))
    expect((await call(world, 'GET', '/api/organiser/invoices', { token: buyers[0]!.token })).body.total).toBe(0)
  }, 120_000)
})

describe('PDF documents', () => {
  it('tickets.pdf has a page per ticket with its code; invoice.pdf the invoice and a credit note per refund', async () => {
    const event = await createPublishedEvent(organiser.id, [{ name: 'Balcony', kind: 'SEATED', rows: 2, seatsPerRow: 5, priceCents: 4200 }])
    await testDb().event.update({ where: { id: event.id }, data: { title: 'Fado Night at the Coliseu', taxRateBp: 2300, sellerDetails: 'Coliseu Produções Lda, Rua das Portas 96, Lisboa, VAT PT500000000', timezone: 'Europe/Lisbon' } })
    const buyer = buyers[50]!
    await testDb().user.update({ where: { id: buyer.id }, data: { name: 'Ada Lovelace' } })
    const checkout = await startCheckout(world, buyer.token, event.id, event.sections[0]!.placeIds.slice(0, 3))
    await world.stripe.pay(checkout.sessionId)
    await returnFromCheckout(world, checkout.sessionId)
    const refund = await call(world, 'POST', `/api/bookings/${checkout.bookingId}/refunds`, { token: organiser.token, body: { amountCents: 4200, reason: 'Seat swapped' } })
    expect(refund.body.status).toBe('SUCCEEDED')
    const booking = await call(world, 'GET', `/api/bookings/${checkout.bookingId}`, { token: buyer.token })
    const codes: string[] = booking.body.tickets.map((t: { code: string }) => t.code)
    expect(codes).toHaveLength(3)

    const tickets = await call(world, 'GET', `/api/bookings/${checkout.bookingId}/tickets.pdf`, { token: buyer.token })
    expect(tickets.status).toBe(200)
    expect(tickets.headers.get('content-type')).toBe('application/pdf')
    expect(tickets.headers.get('content-disposition')).toContain(`bookify-tickets-${booking.body.reference}.pdf`)
    const ticketsText = await pdfText(tickets.body)
    expect(ticketsText.pages).toBe(3)
    for (const code of codes) expect(ticketsText.text).toContain(code)
    expect(ticketsText.text).toContain('Fado Night at the Coliseu')
    expect(ticketsText.text).toContain('Ada Lovelace')
    expect(ticketsText.text).toContain('Europe/Lisbon')
    expect(ticketsText.text).toMatch(/Balcony, row A, seat 1/)

    const invoice = await call(world, 'GET', `/api/bookings/${checkout.bookingId}/invoice.pdf`, { token: organiser.token })
    expect(invoice.status).toBe(200)
    const invoiceText = await pdfText(invoice.body)
    expect(invoiceText.pages).toBe(2)
    expect(invoiceText.text).toContain(`Invoice ${booking.body.payment.invoiceNumber}`)
    expect(invoiceText.text).toMatch(/Credit note CN-\d{6}/)
    expect(invoiceText.text).toContain('Coliseu Produ')
    expect(invoiceText.text).toContain('Ada Lovelace')
    expect(invoiceText.text).toContain('€126.00') // 3 × 42.00
    expect(invoiceText.text).toContain('€23.56') // 23 % tax inside 126.00
    expect(invoiceText.text).toMatch(/Seat\s+swapped/)
    expect(invoiceText.text).toContain('-€42.00')

    // Nobody else may download them; a booking without a card payment has no invoice.
    const stranger = buyers[51]!
    expect((await call(world, 'GET', `/api/bookings/${checkout.bookingId}/tickets.pdf`, { token: stranger.token })).status).toBe(404)
    expect((await call(world, 'GET', `/api/bookings/${checkout.bookingId}/invoice.pdf`, { token: stranger.token })).status).toBe(404)
    expect((await call(world, 'GET', `/api/bookings/${checkout.bookingId}/tickets.pdf`)).status).toBe(401)
    const hold = await call(world, 'POST', '/api/holds', { token: stranger.token, body: { eventId: event.id, seatIds: [event.sections[0]!.placeIds[5]] } })
    const venue = await call(world, 'POST', '/api/bookings', { token: stranger.token, body: { holdId: hold.body.id } })
    expect(venue.body.payment).toMatchObject({ provider: 'pay_at_venue', status: 'DUE_AT_VENUE', invoiceNumber: null })
    expect((await call(world, 'GET', `/api/bookings/${venue.body.id}/invoice.pdf`, { token: stranger.token })).status).toBe(404)
    expect((await call(world, 'GET', `/api/bookings/${venue.body.id}/tickets.pdf`, { token: stranger.token })).status).toBe(200)
  })
})
