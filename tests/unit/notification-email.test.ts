import { describe, expect, it } from 'vitest'
import { escapeHtml, renderEmail } from '../../server/domain/notifications/email-layout.ts'
import { bookingConfirmedNotice } from '../../server/domain/notifications/booking-notices.ts'
import { waitlistOfferedNotice } from '../../server/domain/notifications/account-notices.ts'
import { formatInZone } from '../../server/domain/notifications/event-facts.ts'
import type { BookingFacts } from '../../server/domain/notifications/load-booking-facts.ts'

const evil = '<script>alert("x")</script> & \'friends\''
const booking: BookingFacts = {
  id: '0190f0a0-0000-7000-8000-000000000001',
  reference: 'BK-7Q4M2X',
  userId: '0190f0a0-0000-7000-8000-000000000002',
  status: 'CONFIRMED',
  places: ['Stalls A12', 'Stalls A13'],
  total: '€72.00',
  event: {
    id: '0190f0a0-0000-7000-8000-000000000003', title: evil, description: 'd', status: 'PUBLISHED',
    startsAt: new Date('2027-03-15T18:30:00Z'), endsAt: new Date('2027-03-15T21:00:00Z'), timezone: 'Europe/Berlin',
    venueName: 'Hall <b>1</b>', venueAddress: '1 Street', city: 'Berlin', updatedAt: new Date('2027-01-01T00:00:00Z'),
  },
}

describe('e-mail templates', () => {
  it('escapes HTML special characters', () => {
    expect(escapeHtml(evil)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;friends&#39;')
  })

  it('never lets organiser input into the HTML unescaped', () => {
    const mail = renderEmail(bookingConfirmedNotice(booking, 'https://bookify.example').email!)
    expect(mail.html).not.toContain('<script>')
    expect(mail.html).not.toContain('<b>1</b>')
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
    expect(mail.html).toContain('href="https://bookify.example/bookings/0190f0a0-0000-7000-8000-000000000001"')
    // Plain text keeps the raw characters: nothing interprets them there.
    expect(mail.text).toContain(evil)
    expect(mail.text).toContain('View your tickets: https://bookify.example/bookings/0190f0a0-0000-7000-8000-000000000001')
  })

  it('keeps subjects on one line and drops non-http links', () => {
    const mail = renderEmail({ subject: 'Hi\r\nBcc: victim@example.com', heading: 'h', paragraphs: [], action: { label: 'go', url: 'javascript:alert(1)' } })
    expect(mail.subject).toBe('Hi Bcc: victim@example.com')
    expect(mail.html).not.toContain('javascript:')
    expect(mail.text).not.toContain('javascript:')
  })

  it('attaches the booking as iCalendar with the event UID', () => {
    const [ics] = renderEmail(bookingConfirmedNotice(booking, 'https://bookify.example').email!).attachments
    expect(ics!.contentType).toMatch(/^text\/calendar/)
    expect(ics!.content).toContain(`UID:${booking.event.id}@bookify`)
    expect(ics!.content).toContain('DTSTART:20270315T183000Z')
    expect(ics!.content).toContain('BK-7Q4M2X')
  })

  it('states the waitlist deadline in the event time zone', () => {
    const notice = waitlistOfferedNotice({ userId: booking.userId, entryId: booking.id, holdId: booking.id, expiresAt: new Date('2027-03-10T11:15:00Z') }, booking.event, 'https://bookify.example')
    expect(formatInZone(new Date('2027-03-10T11:15:00Z'), 'Europe/Berlin')).toMatch(/12:15/)
    expect(notice.body).toContain(formatInZone(new Date('2027-03-10T11:15:00Z'), 'Europe/Berlin'))
    expect(notice.link).toBe(`https://bookify.example/events/${booking.event.id}?hold=${booking.id}`)
  })
})
