/** Where a waiting room is: not yet open, open before the sale (pre-queue), selling, or closed. */
export type QueuePhase = 'PENDING' | 'OPEN' | 'SELLING' | 'CLOSED'

/** The public part of an event's waiting room (GET /api/events/:id `waitingRoom`). */
export interface WaitingRoomDto {
  enabled: boolean
  highDemand: boolean
  opensAt: string
  salesStartAt: string
  admitPerMinute: number | null
  phase: QueuePhase
  /** sha-256 hex of the seed that orders the pre-queue, published before the sale. */
  commitment: string
}

/** One buyer's place (POST /api/events/:id/queue, GET …/queue/me, and each SSE `status` message). */
export interface QueueStatusDto {
  eventId: string
  state: 'WAITING' | 'ADMITTED' | 'CLOSED'
  phase: QueuePhase
  /** Joined before the sale started: the place is drawn at the start. */
  preQueue: boolean
  /** 1-based place in line; null until the draw gives one. */
  position: number | null
  ahead: number | null
  etaSeconds: number | null
  placesLeft: number | null
  /** People in the room (pre-queue before the draw, whole line after). */
  queueLength: number
  salesStartAt: string
  admissionToken?: string
  admittedUntil?: string
  /** ADMITTED whose window passed without using it: the turn went on; joining again queues at the back. */
  lapsed?: boolean
  /** CLOSED: why, and whether the waitlist is the next thing to offer. */
  closedReason?: 'SOLD_OUT' | 'DISABLED'
  waitlist?: boolean
}

/** GET /api/events/:id/queue/proof. */
export interface QueueProofDto {
  eventId: string
  commitment: string
  salesStartAt: string
  /** After the draw: */
  seed?: string
  order?: string[]
  algorithm: string
}

/** GET /api/organiser/events/:id/queue. */
export interface QueueOverviewDto {
  eventId: string
  phase: QueuePhase
  length: number
  waiting: number
  admitted: number
  /** Admissions per minute over the last ~10 s (fixed or automatic). */
  rate: number
  mode: 'AUTOMATIC' | 'FIXED'
  placesLeft: number | null
  held: number | null
  /** Automatic mode: how many admitted buyers the controller keeps in progress. */
  targetInProgress: number | null
  inProgress: number
}
