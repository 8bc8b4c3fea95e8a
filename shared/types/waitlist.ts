export interface WaitlistStatusDto {
  id: string
  eventId: string
  status: 'WAITING' | 'OFFERED'
  quantity: number
  sectionId: string | null
  /** 1 = next in line; 0 while an offer is open. */
  position: number
  /** An open offer: a hold in the user's name, to confirm before it expires. */
  offer: { holdId: string, expiresAt: string } | null
}
