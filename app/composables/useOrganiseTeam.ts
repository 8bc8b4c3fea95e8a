import { addStaffBody, inviteStaffBody, type AddStaffBody } from '#shared/schemas/organising'
import type { StaffInvitationDto, StaffMemberDto, TeamDto } from '#shared/types/organising'

const ALREADY_ON_TEAM = { field: 'email', message: 'Someone with this e-mail address is already on the team.' }

/** The event's team: who is on it, invitations by e-mail (sent, listed, withdrawn), adding an account at once, removing. */
export function useOrganiseTeam(eventId: string) {
  const api = useApi()
  const result = useAsyncData(`organise-team-${eventId}`, () => api<TeamDto>(`/api/events/${eventId}/staff`))
  // Check-in staff may not see the invitations (403): the list is simply empty for them.
  const invitations = useAsyncData(`organise-invitations-${eventId}`, () => api<StaffInvitationDto[]>(`/api/events/${eventId}/invitations`).catch(() => [] as StaffInvitationDto[]), { default: () => [] as StaffInvitationDto[] })
  const form = reactive({ email: '', role: 'CHECKIN' as AddStaffBody['role'] })
  const busy = ref(false)
  const notice = ref('')
  const { fieldErrors, formError, validate, fromApi } = useFormErrors()

  async function submitting(action: () => Promise<string>, codes: Parameters<typeof fromApi>[1]): Promise<boolean> {
    busy.value = true
    try {
      notice.value = await action()
      form.email = ''
      return true
    } catch (error) {
      fromApi(error, codes)
      return false
    } finally {
      busy.value = false
    }
  }

  /** E-mails a link; whoever opens it and signs in joins with the role. */
  async function invite(): Promise<boolean> {
    notice.value = ''
    const body = validate(inviteStaffBody, form)
    if (!body) return false
    return submitting(async () => {
      const sent = await api<StaffInvitationDto>(`/api/events/${eventId}/invitations`, { method: 'POST', body })
      await invitations.refresh()
      return `Invitation sent to ${sent.email}.`
    }, { CONFLICT: ALREADY_ON_TEAM })
  }

  /** Adds an existing Bookify account at once. */
  async function add(): Promise<boolean> {
    notice.value = ''
    const body = validate(addStaffBody, form)
    if (!body) return false
    return submitting(async () => {
      const member = await api<StaffMemberDto>(`/api/events/${eventId}/staff`, { method: 'POST', body })
      await result.refresh()
      return `${member.name} is on the team.`
    }, { UNKNOWN_USER: { field: 'email', message: 'No Bookify account uses this e-mail address; send them an invitation instead.' } })
  }

  async function remove(member: StaffMemberDto) {
    notice.value = ''
    try {
      await api(`/api/events/${eventId}/staff/${member.userId}`, { method: 'DELETE' })
      notice.value = `${member.name} was removed from the team.`
      await result.refresh()
    } catch (error) {
      fromApi(error)
    }
  }

  async function withdraw(invitation: StaffInvitationDto) {
    notice.value = ''
    try {
      await api(`/api/events/${eventId}/invitations/${invitation.id}`, { method: 'DELETE' })
      notice.value = `The invitation to ${invitation.email} was withdrawn; its link no longer works.`
    } catch (error) {
      fromApi(error)
    }
    await Promise.all([invitations.refresh(), result.refresh()])
  }

  return { ...result, invitations: invitations.data, form, busy, notice, fieldErrors, formError, invite, add, remove, withdraw }
}
