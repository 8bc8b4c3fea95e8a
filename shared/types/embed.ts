/** An organiser's allowed widget origins, as GET/PUT /api/organiser/embed-origins answer. */
export interface EmbedOriginsDto {
  origins: string[]
}

/** What the widget's frame posts to the host page when a booking is confirmed (public/embed.js). */
export interface EmbedBookedMessage {
  type: 'bookify:booking-confirmed'
  bookingId: string
  eventId: string
}

/** What the widget's frame posts to size itself to its content. */
export interface EmbedResizeMessage {
  type: 'bookify:resize'
  height: number
}
