// Type-check fails here when a response schema and the DTO type its route returns drift apart: the
// domain functions are typed with the DTOs, the OpenAPI document and the integration suite's check
// of every answer (tests/support/openapi.ts) read the schemas, so both must say the same thing.
import type { z } from 'zod'
import type { BookingDto, EventPaymentsDto, InvoiceSummaryDto, RefundDto } from '../../types/booking'
import type { Page } from '../../types/event'
import type { NotificationDto } from '../../types/notification'
import type { AdminEventDto, AdminUserDto, AttendeeDto, CheckInListDto, CheckInResultDto, CheckInSyncResultDto, DashboardDto, InvitationViewDto, StaffInvitationDto, StaffMemberDto, TeamDto, VenuePaymentDto } from '../../types/organising'
import type { PromoCheckDto, PromoCodeDto, QuestionDto } from '../../types/pricing'
import type { QueueOverviewDto, QueueProofDto, QueueStatusDto } from '../../types/queue'
import type { SearchPageDto, SuggestResponseDto } from '../../types/search'
import type { SeatAvailabilityDto, SeatGeometryDto } from '../../types/seat-map'
import type { WaitlistStatusDto } from '../../types/waitlist'
import type { Describes } from './common'
import type { notificationResponse, searchPageResponse, seatAvailabilityResponse, seatGeometryResponse, suggestResponse } from './discovery'
import type { bookingResponse, refundResponse } from './orders'
import type { adminEventResponse, adminUserResponse, attendeeResponse, checkInListResponse, checkInResultResponse, checkInSyncResponse, dashboardResponse, invitationViewResponse, staffInvitationResponse, staffMemberResponse, teamResponse, venuePaymentResponse } from './organising'
import type { eventPaymentsResponse, invoiceSummaryResponse } from './payments'
import type { promoCheckResponse, promoCodeResponse, questionResponse } from './pricing'
import type { queueOverviewResponse, queueProofResponse, queueStatusResponse, waitlistStatusResponse } from './queue'

type Holds<T extends true> = T
type PageOf<S extends z.ZodType> = Page<z.output<S>>

export type ResponseSchemasMatchTheirDtos = [
  Holds<Describes<typeof bookingResponse, BookingDto>>,
  Holds<Describes<typeof refundResponse, RefundDto>>,
  Holds<Describes<typeof eventPaymentsResponse, EventPaymentsDto>>,
  Holds<Describes<typeof invoiceSummaryResponse, InvoiceSummaryDto>>,
  Holds<Describes<typeof notificationResponse, NotificationDto>>,
  Holds<Describes<typeof teamResponse, TeamDto>>,
  Holds<Describes<typeof staffMemberResponse, StaffMemberDto>>,
  Holds<Describes<typeof staffInvitationResponse, StaffInvitationDto>>,
  Holds<Describes<typeof invitationViewResponse, InvitationViewDto>>,
  Holds<Describes<typeof checkInResultResponse, CheckInResultDto>>,
  Holds<Describes<typeof checkInListResponse, CheckInListDto>>,
  Holds<Describes<typeof checkInSyncResponse, CheckInSyncResultDto>>,
  Holds<Describes<typeof venuePaymentResponse, VenuePaymentDto>>,
  Holds<Describes<typeof dashboardResponse, DashboardDto>>,
  Holds<Describes<typeof attendeeResponse, AttendeeDto>>,
  Holds<Describes<typeof adminEventResponse, AdminEventDto>>,
  Holds<Describes<typeof adminUserResponse, AdminUserDto>>,
  Holds<Describes<typeof promoCodeResponse, PromoCodeDto>>,
  Holds<Describes<typeof promoCheckResponse, PromoCheckDto>>,
  Holds<Describes<typeof questionResponse, QuestionDto>>,
  Holds<Describes<typeof queueStatusResponse, QueueStatusDto>>,
  Holds<Describes<typeof queueProofResponse, QueueProofDto>>,
  Holds<Describes<typeof queueOverviewResponse, QueueOverviewDto>>,
  Holds<Describes<typeof waitlistStatusResponse, WaitlistStatusDto>>,
  Holds<Describes<typeof searchPageResponse, SearchPageDto>>,
  Holds<Describes<typeof suggestResponse, SuggestResponseDto>>,
  Holds<Describes<typeof seatGeometryResponse, SeatGeometryDto>>,
  Holds<Describes<typeof seatAvailabilityResponse, SeatAvailabilityDto>>,
  // A page is the same Page<T> everywhere.
  Holds<[PageOf<typeof attendeeResponse>] extends [Page<AttendeeDto>] ? true : false>,
]
