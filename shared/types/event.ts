export type EventStatus = 'DRAFT' | 'PUBLISHED' | 'CANCELLED'
export type SectionKind = 'SEATED' | 'GA'

export interface Money {
  amountCents: number
  currency: string
}

export interface EventSummaryDto {
  id: string
  title: string
  category: string
  status: EventStatus
  startsAt: string
  endsAt: string
  timezone: string
  venue: { name: string, address: string, city: string }
  priceFrom: Money | null
  availability: { available: number, total: number }
}

export interface Page<T> {
  items: T[]
  page: number
  pageSize: number
  total: number
}
