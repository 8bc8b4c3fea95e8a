// The API's one route list: every route under server/api, with the zod schemas it reads and answers.
// The OpenAPI document (openapi-document.ts) is generated from it, API keys are checked against its
// scopes (server/middleware/04.api-key.ts), and tests/unit/openapi-routes.test.ts fails when a route
// file has no entry here (or an entry has no file).
import { z } from 'zod'
import { loginBody, passwordResetBody, passwordResetConfirmBody, refreshBody, registerBody, updateMeBody } from '../../shared/schemas/auth.ts'
import { bookingAnswersBody, changeSeatsBody, createBookingBody, listBookingsQuery } from '../../shared/schemas/bookings.ts'
import { calendarFeedQuery } from '../../shared/schemas/calendar.ts'
import { createEventBody, listEventsQuery, organiserEventsQuery, seatGeometryQuery, updateEventBody } from '../../shared/schemas/events.ts'
import { createHoldBody, joinWaitlistBody } from '../../shared/schemas/holds.ts'
import { listNotificationsQuery } from '../../shared/schemas/notifications.ts'
import { addStaffBody, adminEventsQuery, attendeesQuery, auditQuery, checkInBody, checkInSyncBody, invitationTokenBody, inviteStaffBody } from '../../shared/schemas/organising.ts'
import { idParams, invitationParams, staffMemberParams, ticketParams, webhookDeliveryParams } from '../../shared/schemas/params.ts'
import { invoicesQuery, refundBody, venuePaymentBody } from '../../shared/schemas/payments.ts'
import { checkPromoQuery, createPromoCodeBody, promoCodeParams, putQuestionsBody } from '../../shared/schemas/pricing.ts'
import { searchQuery, suggestQuery } from '../../shared/schemas/search.ts'
import { createApiKeyBody, type ApiKeyScope } from '../../shared/schemas/api-keys.ts'
import { putEmbedOriginsBody } from '../../shared/schemas/embed.ts'
import { createWebhookBody, updateWebhookBody } from '../../shared/schemas/webhooks.ts'
import { authResponse, meResponse, refreshResponse, userResponse } from '../../shared/schemas/responses/accounts.ts'
import { jsonObject, page } from '../../shared/schemas/responses/common.ts'
import { apiKeyCreatedResponse, apiKeyListResponse, apiKeyResponse } from '../../shared/schemas/responses/api-keys.ts'
import { embedOriginsResponse } from '../../shared/schemas/responses/embed.ts'
import { auditPageResponse, eventDetailResponse, eventPageResponse, organiserEventPageResponse, seatMapResponse } from '../../shared/schemas/responses/events.ts'
import { bookingPageResponse, bookingResponse, holdResponse, refundResponse } from '../../shared/schemas/responses/orders.ts'
import { adminEventResponse, adminUserResponse, attendeeResponse, checkInListResponse, checkInResultResponse, checkInSyncResponse, dashboardResponse, invitationViewResponse, staffInvitationResponse, staffMemberResponse, teamResponse, venuePaymentResponse } from '../../shared/schemas/responses/organising.ts'
import { promoCheckResponse, promoCodeResponse, questionResponse } from '../../shared/schemas/responses/pricing.ts'
import { eventPaymentsResponse, invoiceSummaryResponse, stripeWebhookReceipt } from '../../shared/schemas/responses/payments.ts'
import { queueOverviewResponse, queueProofResponse, queueStatusResponse, waitlistStatusResponse } from '../../shared/schemas/responses/queue.ts'
import { notificationResponse, searchIndexResponse, searchPageResponse, seatAvailabilityResponse, seatGeometryResponse, suggestResponse } from '../../shared/schemas/responses/discovery.ts'
import { webhookDeliveryListResponse, webhookDeliveryResponse, webhookEndpointCreatedResponse, webhookEndpointListResponse, webhookEndpointResponse } from '../../shared/schemas/responses/webhooks.ts'

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete'

/**
 * Who may call: `public` anyone; `optional` anyone, more for a signed-in caller; `user` a signed-in
 * user (or an API key with the operation's scope); `admin` a platform admin; `token` a token in the
 * query; `signature` a signed webhook.
 */
export type OperationAuth = 'public' | 'optional' | 'user' | 'admin' | 'token' | 'signature'

/** An answer that is not (only) JSON: PDF, CSV, SVG, iCalendar, SSE, a redirect; `null` content: a body the spec does not model. */
export interface OtherResponse {
  description: string
  content?: Record<string, z.ZodType | null>
}

export type ResponseSpec = z.ZodType | OtherResponse | null

export interface ApiOperation {
  method: HttpMethod
  /** OpenAPI form: `/api/events/{id}`. */
  path: string
  summary: string
  tag: string
  auth: OperationAuth
  /** The scope an API key needs; without one a key may call the route only when it is public. */
  scope?: ApiKeyScope
  params?: z.ZodObject
  query?: z.ZodObject
  body?: z.ZodType
  /** Success answers by status; every operation also answers errors in the ApiError shape. */
  responses: Record<number, ResponseSpec>
}

const ok = (schema: ResponseSpec) => ({ 200: schema })
const noContent = { 204: null }
const pdf: OtherResponse = { description: 'A PDF document', content: { 'application/pdf': null } }
const ics: OtherResponse = { description: 'An iCalendar feed', content: { 'text/calendar': null } }
const sse: OtherResponse = { description: 'Server-Sent Events', content: { 'text/event-stream': null } }
const redirect: OtherResponse = { description: 'A redirect to the Location header' }
const jsonOrCsv = (json: z.ZodType): OtherResponse => ({ description: 'JSON, or CSV with `format=csv`', content: { 'application/json': json, 'text/csv': null } })

const publicOk = z.strictObject({ message: z.string() })

export const API_OPERATIONS: readonly ApiOperation[] = [
  // Auth and account
  { method: 'post', path: '/api/auth/register', summary: 'Create an account', tag: 'Auth', auth: 'public', body: registerBody, responses: { 201: authResponse } },
  { method: 'post', path: '/api/auth/login', summary: 'Sign in', tag: 'Auth', auth: 'public', body: loginBody, responses: ok(authResponse) },
  { method: 'post', path: '/api/auth/refresh', summary: 'Rotate the refresh token', tag: 'Auth', auth: 'public', body: refreshBody, responses: ok(refreshResponse) },
  { method: 'post', path: '/api/auth/logout', summary: 'Sign out (revokes the refresh family)', tag: 'Auth', auth: 'optional', body: refreshBody, responses: noContent },
  { method: 'post', path: '/api/auth/password-reset', summary: 'E-mail a password reset link', tag: 'Auth', auth: 'public', body: passwordResetBody, responses: { 202: publicOk } },
  { method: 'post', path: '/api/auth/password-reset/confirm', summary: 'Set a new password with a reset link', tag: 'Auth', auth: 'public', body: passwordResetConfirmBody, responses: ok(publicOk) },
  { method: 'get', path: '/api/me', summary: 'The signed-in user', tag: 'Account', auth: 'user', responses: ok(meResponse) },
  { method: 'patch', path: '/api/me', summary: 'Change name, locale or notification settings', tag: 'Account', auth: 'user', body: updateMeBody, responses: ok(userResponse) },
  { method: 'delete', path: '/api/me/calendar-feed', summary: 'Revoke the private calendar feed URL and get a new one', tag: 'Account', auth: 'user', responses: ok(z.strictObject({ calendarFeedUrl: z.string() })) },

  // Events (public reads)
  { method: 'get', path: '/api/events', summary: 'Published, upcoming events', tag: 'Events', auth: 'optional', scope: 'events:read', query: listEventsQuery, responses: ok(eventPageResponse) },
  { method: 'get', path: '/api/events/{id}', summary: 'One event with its sections and ticket types', tag: 'Events', auth: 'optional', scope: 'events:read', params: idParams, responses: ok(eventDetailResponse) },
  { method: 'get', path: '/api/events/{id}/seats', summary: 'The seat map with every seat\'s status', tag: 'Events', auth: 'optional', scope: 'events:read', params: idParams, responses: ok(seatMapResponse) },
  { method: 'get', path: '/api/events/{id}/seats/availability', summary: 'Packed seat statuses (2 bits a seat)', tag: 'Events', auth: 'optional', scope: 'events:read', params: idParams, responses: ok(seatAvailabilityResponse) },
  { method: 'get', path: '/api/events/{id}/seats/geometry', summary: 'The seat map\'s geometry, cacheable by version', tag: 'Events', auth: 'optional', scope: 'events:read', params: idParams, query: seatGeometryQuery, responses: ok(seatGeometryResponse) },
  { method: 'get', path: '/api/events/{id}/live', summary: 'Availability changes as they happen', tag: 'Events', auth: 'optional', params: idParams, responses: ok(sse) },
  { method: 'get', path: '/api/events/{id}/calendar.ics', summary: 'The event as iCalendar', tag: 'Events', auth: 'optional', scope: 'events:read', params: idParams, responses: ok(ics) },
  { method: 'get', path: '/api/events/{id}/questions', summary: 'The event\'s checkout questions', tag: 'Pricing', auth: 'optional', scope: 'events:read', params: idParams, responses: ok(z.array(questionResponse)) },

  // Organising
  { method: 'post', path: '/api/events', summary: 'Create a draft event with its inventory', tag: 'Organising', auth: 'user', scope: 'events:write', body: createEventBody, responses: { 201: eventDetailResponse } },
  { method: 'patch', path: '/api/events/{id}', summary: 'Edit an event', tag: 'Organising', auth: 'user', scope: 'events:write', params: idParams, body: updateEventBody, responses: ok(eventDetailResponse) },
  { method: 'post', path: '/api/events/{id}/publish', summary: 'Publish a draft', tag: 'Organising', auth: 'user', scope: 'events:write', params: idParams, responses: ok(eventDetailResponse) },
  { method: 'post', path: '/api/events/{id}/cancel', summary: 'Cancel an event, notifying every ticket holder', tag: 'Organising', auth: 'user', scope: 'events:write', params: idParams, responses: ok(eventDetailResponse) },
  { method: 'get', path: '/api/organiser/events', summary: 'My events with sales figures', tag: 'Organising', auth: 'user', scope: 'events:read', query: organiserEventsQuery, responses: ok(organiserEventPageResponse) },
  { method: 'get', path: '/api/events/{id}/dashboard', summary: 'Sales over time', tag: 'Organising', auth: 'user', scope: 'events:read', params: idParams, responses: ok(dashboardResponse) },
  { method: 'get', path: '/api/events/{id}/audit', summary: 'The event\'s audit log, newest first', tag: 'Organising', auth: 'user', scope: 'events:read', params: idParams, query: auditQuery, responses: ok(auditPageResponse) },
  { method: 'get', path: '/api/events/{id}/attendees', summary: 'Attendee list, JSON or CSV', tag: 'Organising', auth: 'user', scope: 'orders:read', params: idParams, query: attendeesQuery, responses: ok(jsonOrCsv(page(attendeeResponse))) },
  { method: 'get', path: '/api/events/{id}/staff', summary: 'The event\'s team', tag: 'Organising', auth: 'user', scope: 'events:read', params: idParams, responses: ok(teamResponse) },
  { method: 'post', path: '/api/events/{id}/staff', summary: 'Add a co-organiser or check-in staff', tag: 'Organising', auth: 'user', scope: 'events:write', params: idParams, body: addStaffBody, responses: { 201: staffMemberResponse } },
  { method: 'delete', path: '/api/events/{id}/staff/{userId}', summary: 'Remove a team member', tag: 'Organising', auth: 'user', scope: 'events:write', params: staffMemberParams, responses: noContent },
  { method: 'get', path: '/api/events/{id}/invitations', summary: 'Open team invitations', tag: 'Organising', auth: 'user', scope: 'events:read', params: idParams, responses: ok(z.array(staffInvitationResponse)) },
  { method: 'post', path: '/api/events/{id}/invitations', summary: 'Invite someone to the team by e-mail', tag: 'Organising', auth: 'user', scope: 'events:write', params: idParams, body: inviteStaffBody, responses: { 201: staffInvitationResponse } },
  { method: 'delete', path: '/api/events/{id}/invitations/{invitationId}', summary: 'Withdraw a team invitation', tag: 'Organising', auth: 'user', scope: 'events:write', params: invitationParams, responses: noContent },
  { method: 'post', path: '/api/invitations/preview', summary: 'What a team invitation link offers', tag: 'Organising', auth: 'public', body: invitationTokenBody, responses: ok(invitationViewResponse) },
  // No scope: an invitation makes the signed-in person a member, never an API key.
  { method: 'post', path: '/api/invitations/accept', summary: 'Join an event team with an invitation link', tag: 'Organising', auth: 'user', body: invitationTokenBody, responses: ok(invitationViewResponse) },
  { method: 'post', path: '/api/events/{id}/checkin', summary: 'Check a ticket in', tag: 'Door', auth: 'user', scope: 'checkin', params: idParams, body: checkInBody, responses: ok(checkInResultResponse) },
  { method: 'get', path: '/api/events/{id}/checkin/list', summary: 'Every ticket, for offline check-in (ETag)', tag: 'Door', auth: 'user', scope: 'checkin', params: idParams, responses: { 200: checkInListResponse, 304: null } },
  { method: 'post', path: '/api/events/{id}/checkin/sync', summary: 'Upload scans made offline', tag: 'Door', auth: 'user', scope: 'checkin', params: idParams, body: checkInSyncBody, responses: ok(checkInSyncResponse) },
  { method: 'post', path: '/api/bookings/{id}/venue-payment', summary: 'Mark a pay-at-venue booking paid', tag: 'Door', auth: 'user', scope: 'checkin', params: idParams, body: venuePaymentBody, responses: ok(venuePaymentResponse) },
  { method: 'get', path: '/api/events/{id}/payments', summary: 'The event\'s card payments and refunds', tag: 'Payments', auth: 'user', scope: 'orders:read', params: idParams, responses: ok(eventPaymentsResponse) },

  // Pricing
  { method: 'get', path: '/api/events/{id}/promo-codes', summary: 'The event\'s promo codes with uses', tag: 'Pricing', auth: 'user', scope: 'events:read', params: idParams, responses: ok(z.array(promoCodeResponse)) },
  { method: 'post', path: '/api/events/{id}/promo-codes', summary: 'Create a promo code', tag: 'Pricing', auth: 'user', scope: 'events:write', params: idParams, body: createPromoCodeBody, responses: { 201: promoCodeResponse } },
  { method: 'delete', path: '/api/events/{id}/promo-codes/{codeId}', summary: 'Retire a promo code', tag: 'Pricing', auth: 'user', scope: 'events:write', params: promoCodeParams, responses: noContent },
  { method: 'get', path: '/api/events/{id}/promo-codes/check', summary: 'Check a promo code before holding', tag: 'Pricing', auth: 'user', params: idParams, query: checkPromoQuery, responses: ok(promoCheckResponse) },
  { method: 'put', path: '/api/events/{id}/questions', summary: 'Replace the event\'s checkout questions', tag: 'Pricing', auth: 'user', scope: 'events:write', params: idParams, body: putQuestionsBody, responses: ok(z.array(questionResponse)) },

  // Holds, bookings, waitlist
  { method: 'post', path: '/api/holds', summary: 'Hold places (Idempotency-Key)', tag: 'Orders', auth: 'user', body: createHoldBody, responses: { 201: holdResponse } },
  { method: 'get', path: '/api/holds/{id}', summary: 'My hold', tag: 'Orders', auth: 'user', params: idParams, responses: ok(holdResponse) },
  { method: 'delete', path: '/api/holds/{id}', summary: 'Release my hold', tag: 'Orders', auth: 'user', params: idParams, responses: noContent },
  { method: 'post', path: '/api/holds/{id}/extend', summary: 'Extend my hold once', tag: 'Orders', auth: 'user', params: idParams, responses: ok(holdResponse) },
  { method: 'post', path: '/api/bookings', summary: 'Book a hold (Idempotency-Key)', tag: 'Orders', auth: 'user', body: createBookingBody, responses: { 201: bookingResponse, 202: bookingResponse } },
  { method: 'get', path: '/api/bookings', summary: 'My bookings', tag: 'Orders', auth: 'user', query: listBookingsQuery, responses: ok(bookingPageResponse) },
  { method: 'get', path: '/api/bookings/{id}', summary: 'My booking', tag: 'Orders', auth: 'user', params: idParams, responses: ok(bookingResponse) },
  { method: 'patch', path: '/api/bookings/{id}', summary: 'Change seats atomically', tag: 'Orders', auth: 'user', params: idParams, body: changeSeatsBody, responses: ok(bookingResponse) },
  { method: 'patch', path: '/api/bookings/{id}/answers', summary: 'Replace the booking\'s answers', tag: 'Orders', auth: 'user', params: idParams, body: bookingAnswersBody, responses: ok(bookingResponse) },
  { method: 'post', path: '/api/bookings/{id}/cancel', summary: 'Cancel a booking (Idempotency-Key)', tag: 'Orders', auth: 'user', params: idParams, responses: ok(bookingResponse) },
  { method: 'post', path: '/api/bookings/{id}/refunds', summary: 'Refund part or all of a card payment (organiser)', tag: 'Payments', auth: 'user', params: idParams, body: refundBody, responses: { 200: refundResponse, 201: refundResponse } },
  { method: 'get', path: '/api/bookings/{id}/tickets.pdf', summary: 'The booking\'s tickets', tag: 'Orders', auth: 'user', scope: 'orders:read', params: idParams, responses: ok(pdf) },
  { method: 'get', path: '/api/bookings/{id}/invoice.pdf', summary: 'The booking\'s invoice', tag: 'Payments', auth: 'user', scope: 'orders:read', params: idParams, responses: ok(pdf) },
  { method: 'get', path: '/api/bookings/{id}/tickets/{ticketId}/qr.svg', summary: 'A ticket\'s QR code', tag: 'Orders', auth: 'user', params: ticketParams, responses: ok({ description: 'An SVG image', content: { 'image/svg+xml': null } }) },
  { method: 'post', path: '/api/events/{id}/waitlist', summary: 'Join the waitlist of a sold-out event', tag: 'Orders', auth: 'user', params: idParams, body: joinWaitlistBody, responses: { 201: waitlistStatusResponse } },
  { method: 'delete', path: '/api/events/{id}/waitlist', summary: 'Leave the waitlist', tag: 'Orders', auth: 'user', params: idParams, responses: noContent },
  { method: 'get', path: '/api/events/{id}/waitlist/me', summary: 'My place on the waitlist and any open offer', tag: 'Orders', auth: 'user', params: idParams, responses: ok(waitlistStatusResponse) },

  // Waiting room
  { method: 'post', path: '/api/events/{id}/queue', summary: 'Join the waiting room', tag: 'Waiting room', auth: 'user', params: idParams, responses: ok(queueStatusResponse) },
  { method: 'get', path: '/api/events/{id}/queue/me', summary: 'My place in the waiting room', tag: 'Waiting room', auth: 'user', params: idParams, responses: ok(queueStatusResponse) },
  { method: 'get', path: '/api/events/{id}/queue/stream', summary: 'My place in the waiting room, live', tag: 'Waiting room', auth: 'user', params: idParams, responses: ok(sse) },
  { method: 'get', path: '/api/events/{id}/queue/proof', summary: 'The draw\'s commitment and, after the sale starts, its proof', tag: 'Waiting room', auth: 'public', params: idParams, responses: ok(queueProofResponse) },
  { method: 'get', path: '/api/organiser/events/{id}/queue', summary: 'The waiting room as the organiser sees it', tag: 'Waiting room', auth: 'user', scope: 'events:read', params: idParams, responses: ok(queueOverviewResponse) },

  // Search
  { method: 'get', path: '/api/search', summary: 'Full-text search over published events', tag: 'Search', auth: 'public', query: searchQuery, responses: ok(searchPageResponse) },
  { method: 'get', path: '/api/search/suggest', summary: 'Completions for a prefix', tag: 'Search', auth: 'public', query: suggestQuery, responses: ok(suggestResponse) },
  { method: 'get', path: '/api/search/index', summary: 'The serialized search index (ETag)', tag: 'Search', auth: 'public', responses: { 200: searchIndexResponse, 304: null } },

  // Notifications and integrations
  { method: 'get', path: '/api/notifications', summary: 'My notifications', tag: 'Notifications', auth: 'user', query: listNotificationsQuery, responses: ok(page(notificationResponse)) },
  { method: 'post', path: '/api/notifications/{id}/read', summary: 'Mark a notification read', tag: 'Notifications', auth: 'user', params: idParams, responses: ok(notificationResponse) },
  { method: 'get', path: '/api/notifications/stream', summary: 'My notifications, live', tag: 'Notifications', auth: 'user', responses: ok(sse) },
  { method: 'get', path: '/api/integrations/google/connect', summary: 'Start linking Google Calendar', tag: 'Integrations', auth: 'user', responses: { 302: redirect } },
  { method: 'get', path: '/api/integrations/google/callback', summary: 'Google\'s OAuth callback', tag: 'Integrations', auth: 'optional', responses: { 302: redirect } },
  { method: 'delete', path: '/api/integrations/google', summary: 'Unlink Google Calendar', tag: 'Integrations', auth: 'user', responses: noContent },
  { method: 'get', path: '/api/calendar/me.ics', summary: 'My private bookings feed', tag: 'Integrations', auth: 'token', query: calendarFeedQuery, responses: ok(ics) },
  { method: 'get', path: '/api/organisers/{id}/calendar.ics', summary: 'An organiser\'s public events feed', tag: 'Integrations', auth: 'public', params: idParams, responses: ok(ics) },
  { method: 'get', path: '/api/openapi.json', summary: 'This document', tag: 'Integrations', auth: 'public', responses: ok(jsonObject) },
  // No scope: a key cannot mint or revoke keys, only a signed-in organiser can.
  { method: 'post', path: '/api/organiser/api-keys', summary: 'Create an API key (the secret is shown once)', tag: 'Integrations', auth: 'user', body: createApiKeyBody, responses: { 201: apiKeyCreatedResponse } },
  { method: 'get', path: '/api/organiser/api-keys', summary: 'My API keys (never their secrets)', tag: 'Integrations', auth: 'user', responses: ok(apiKeyListResponse) },
  { method: 'delete', path: '/api/organiser/api-keys/{id}', summary: 'Revoke an API key', tag: 'Integrations', auth: 'user', params: idParams, responses: ok(apiKeyResponse) },
  // No scope either: who may frame the organiser's sales is a security setting, for the signed-in organiser only.
  { method: 'get', path: '/api/organiser/embed-origins', summary: 'Sites allowed to frame my booking widget', tag: 'Integrations', auth: 'user', responses: ok(embedOriginsResponse) },
  { method: 'put', path: '/api/organiser/embed-origins', summary: 'Replace the sites allowed to frame my booking widget', tag: 'Integrations', auth: 'user', body: putEmbedOriginsBody, responses: ok(embedOriginsResponse) },
  { method: 'post', path: '/api/organiser/webhooks', summary: 'Register a webhook endpoint (the signing secret is shown once)', tag: 'Integrations', auth: 'user', body: createWebhookBody, responses: { 201: webhookEndpointCreatedResponse } },
  { method: 'get', path: '/api/organiser/webhooks', summary: 'My webhook endpoints (never their secrets)', tag: 'Integrations', auth: 'user', responses: ok(webhookEndpointListResponse) },
  { method: 'patch', path: '/api/organiser/webhooks/{id}', summary: 'Edit a webhook endpoint, or turn it on or off', tag: 'Integrations', auth: 'user', params: idParams, body: updateWebhookBody, responses: ok(webhookEndpointResponse) },
  { method: 'delete', path: '/api/organiser/webhooks/{id}', summary: 'Delete a webhook endpoint and its delivery log', tag: 'Integrations', auth: 'user', params: idParams, responses: ok(webhookEndpointResponse) },
  { method: 'post', path: '/api/organiser/webhooks/{id}/test', summary: 'Send a webhook.test delivery now', tag: 'Integrations', auth: 'user', params: idParams, responses: { 202: webhookDeliveryResponse } },
  { method: 'get', path: '/api/organiser/webhooks/{id}/deliveries', summary: 'An endpoint\'s delivery log, newest first', tag: 'Integrations', auth: 'user', params: idParams, responses: ok(webhookDeliveryListResponse) },
  { method: 'post', path: '/api/organiser/webhooks/{id}/deliveries/{deliveryId}/resend', summary: 'Send a delivery again (a new delivery of the same body)', tag: 'Integrations', auth: 'user', params: webhookDeliveryParams, responses: { 202: webhookDeliveryResponse } },

  // Payments
  { method: 'get', path: '/api/payments/methods', summary: 'Which payment methods this Bookify takes', tag: 'Payments', auth: 'public', responses: ok(z.strictObject({ card: z.boolean(), venue: z.boolean() })) },
  { method: 'get', path: '/api/payments/stripe/return', summary: 'Stripe Checkout\'s success URL', tag: 'Payments', auth: 'public', query: z.object({ session_id: z.string() }), responses: { 303: redirect } },
  { method: 'post', path: '/api/payments/stripe/webhook', summary: 'Stripe-signed payment events', tag: 'Payments', auth: 'signature', responses: ok(stripeWebhookReceipt) },
  { method: 'get', path: '/api/organiser/invoices', summary: 'My invoices and credit notes, JSON or CSV', tag: 'Payments', auth: 'user', scope: 'orders:read', query: invoicesQuery, responses: ok(jsonOrCsv(page(invoiceSummaryResponse))) },

  // Admin
  { method: 'get', path: '/api/admin/events', summary: 'Every event (admin)', tag: 'Admin', auth: 'admin', query: adminEventsQuery, responses: ok(page(adminEventResponse)) },
  { method: 'post', path: '/api/admin/events/{id}/disable', summary: 'Take an event off sale (admin)', tag: 'Admin', auth: 'admin', params: idParams, responses: ok(adminEventResponse) },
  { method: 'post', path: '/api/admin/events/{id}/enable', summary: 'Put an event back (admin)', tag: 'Admin', auth: 'admin', params: idParams, responses: ok(adminEventResponse) },
  { method: 'post', path: '/api/admin/users/{id}/disable', summary: 'Disable an account (admin)', tag: 'Admin', auth: 'admin', params: idParams, responses: ok(adminUserResponse) },
  { method: 'post', path: '/api/admin/users/{id}/enable', summary: 'Enable an account again (admin)', tag: 'Admin', auth: 'admin', params: idParams, responses: ok(adminUserResponse) },

  // Operations
  { method: 'get', path: '/api/health', summary: 'Liveness', tag: 'Operations', auth: 'public', responses: ok(z.strictObject({ status: z.literal('ok') })) },
  { method: 'get', path: '/api/ready', summary: 'Readiness of PostgreSQL, Redis and RabbitMQ', tag: 'Operations', auth: 'public', responses: ok(z.record(z.string(), z.enum(['up', 'down']))) },
]
