// Which payment methods this Bookify can take at all; each event then offers some of them.
export default defineEventHandler(() => ({ card: usePayments().gateway !== null, venue: true }))
