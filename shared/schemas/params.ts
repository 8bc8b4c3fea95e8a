import { z } from 'zod'

// Route parameters. Every id is a UUID (the database's type); anything else names nothing, and the
// route answers 404 NOT_FOUND before asking the database (server/utils/validate.ts, readParams).
export const idParams = z.object({ id: z.uuid() })

/** /api/bookings/:id/tickets/:ticketId/… */
export const ticketParams = idParams.extend({ ticketId: z.uuid() })

/** /api/events/:id/staff/:userId */
export const staffMemberParams = idParams.extend({ userId: z.uuid() })

/** /api/events/:id/invitations/:invitationId */
export const invitationParams = idParams.extend({ invitationId: z.uuid() })

/** /api/organiser/webhooks/:id/deliveries/:deliveryId/… */
export const webhookDeliveryParams = idParams.extend({ deliveryId: z.uuid() })
