import { addStaffBody, type AddStaffBody } from '#shared/schemas/organising'
import type { StaffMemberDto, TeamDto } from '#shared/types/organising'

/** The event's team: who is on it, inviting by e-mail, removing. */
export function useOrganiseTeam(eventId: string) {
  const api = useApi()
  const result = useAsyncData(`organise-team-${eventId}`, () => api<TeamDto>(`/api/events/${eventId}/staff`))
  const form = reactive({ email: '', role: 'CHECKIN' as AddStaffBody['role'] })
  const busy = ref(false)
  const notice = ref('')
  const { fieldErrors, formError, validate, fromApi } = useFormErrors()

  async function invite(): Promise<boolean> {
    notice.value = ''
    const body = validate(addStaffBody, form)
    if (!body) return false
    busy.value = true
    try {
      const member = await api<StaffMemberDto>(`/api/events/${eventId}/staff`, { method: 'POST', body })
      notice.value = `${member.name} is on the team.`
      form.email = ''
      await result.refresh()
      return true
    } catch (error) {
      fromApi(error, { UNKNOWN_USER: { field: 'email', message: 'No Bookify account uses this e-mail address; ask them to sign up first.' } })
      return false
    } finally {
      busy.value = false
    }
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

  return { ...result, form, busy, notice, fieldErrors, formError, invite, remove }
}
