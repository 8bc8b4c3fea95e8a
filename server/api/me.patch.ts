import { updateMeBody } from '../../shared/schemas/auth.ts'
import { updateProfile } from '../domain/accounts/profile.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const body = await readValid(event, updateMeBody)
  return updateProfile(useDb(), caller.userId, body)
})
