import type { EventStatus, Money, SectionKind } from './event'

type BookingStatus = 'CONFIRMED' | 'CANCELLED'

export interface TicketDto {
  id: string
  /** Printed in the QR code; proof of the ticket at the door. */
  code: string
  valid: boolean
  placeId: string
  label: string
  row: string | null
  number: number | null
  section: { id: string, name: string, kind: SectionKind, entrance: string | null }
  price: Money
  checkedInAt: string | null
}

export interface BookingDto {
  id: string
  reference: string
  status: BookingStatus
  event: { id: string, title: string, startsAt: string, endsAt: string, timezone: string, status: EventStatus, venue: { name: string, address: string, city: string } }
  total: Money
  payment: { provider: string, status: string }
  createdAt: string
  cancelledAt: string | null
  tickets: TicketDto[]
}
