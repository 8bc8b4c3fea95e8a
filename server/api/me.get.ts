import { getProfile } from '../domain/accounts/profile.ts'
import { config } from '../config/env.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  return getProfile(useDb(), caller.userId, { appUrl: config().appUrl, secret: config().authSecret })
})
