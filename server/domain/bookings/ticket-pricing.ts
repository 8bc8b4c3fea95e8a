// A ticket is priced as its hold line was: under the line's type, at the type's price less the
// line's discount. One place copies the columns, so a confirmation by venue payment and one by a
// settled card checkout cannot price a ticket differently.

export interface TicketPricing {
  ticketTypeId: string
  unitPriceCents: number
  discountCents: number
  priceCents: number
}

export function ticketPricing(line: TicketPricing): TicketPricing {
  return { ticketTypeId: line.ticketTypeId, unitPriceCents: line.unitPriceCents, discountCents: line.discountCents, priceCents: line.priceCents }
}
