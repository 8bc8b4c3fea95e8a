import { config } from '../../../../config/env.ts'
import { idParams } from '../../../../../shared/schemas/params.ts'
import { inviteStaffBody } from '../../../../../shared/schemas/organising.ts'
import { inviteStaff } from '../../../../domain/organising/invitations.ts'
import { requestIdOf } from '../../../../observability/request-id.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  const body = await readValid(event, inviteStaffBody)
  // Each invitation is an e-mail to any address: capped per user, so the app cannot send mail in bulk.
  await enforceRateLimit(event, 'invite-user', caller.userId, config().invitationRateLimitPerUserPerHour, 3600)
  const invitation = await inviteStaff(useDb(), id, caller, body, requestIdOf(event))
  setResponseStatus(event, 201)
  return invitation
})
