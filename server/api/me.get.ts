import { getProfile } from '../domain/accounts/profile.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  return getProfile(useDb(), caller.userId)
})
