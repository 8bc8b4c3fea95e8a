// Request bodies of the account routes, shared by the forms and the server (readValidatedBody).
import { z } from 'zod'

export const email = z.string().trim().toLowerCase().max(254, 'Use at most 254 characters.').pipe(z.email({ message: 'Enter a valid e-mail address.' }))
export const password = z.string().min(10, 'Use at least 10 characters.').max(200, 'Use at most 200 characters.')
const displayName = z.string().trim().min(1, 'Enter your name.').max(100, 'Use at most 100 characters.')

export const registerBody = z.object({ email, password, name: displayName })
export type RegisterBody = z.infer<typeof registerBody>

export const loginBody = z.object({ email, password: z.string().min(1, 'Enter your password.').max(200) })
export type LoginBody = z.infer<typeof loginBody>

export const passwordResetBody = z.object({ email }).strict()
export type PasswordResetBody = z.infer<typeof passwordResetBody>

export const passwordResetConfirmBody = z.object({
  token: z.string().trim().min(1, 'The link has no token; open the link from the e-mail again.').max(200),
  password,
}).strict()
export type PasswordResetConfirmBody = z.infer<typeof passwordResetConfirmBody>

export const refreshBody = z.object({ refreshToken: z.string().min(1).max(200).optional() }).optional()

export const notificationPrefs = z.object({
  email: z.boolean(),
  inApp: z.boolean(),
  reminders: z.boolean(),
})
export type NotificationPrefs = z.infer<typeof notificationPrefs>

export const SUPPORTED_LOCALES = ['en', 'de', 'fr', 'es', 'pt', 'nl'] as const

export const updateMeBody = z.object({
  name: displayName.optional(),
  locale: z.enum(SUPPORTED_LOCALES).optional(),
  notificationPrefs: notificationPrefs.partial().optional(),
}).strict().refine(b => Object.keys(b).length > 0, 'Send at least one of name, locale, notificationPrefs.')
export type UpdateMeBody = z.infer<typeof updateMeBody>
