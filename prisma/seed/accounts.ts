// Demo accounts, printed by `npm start` so a visitor can sign in at once. Development data only.
export interface DemoAccount {
  email: string
  password: string
  name: string
}

export const DEMO_ORGANISER: DemoAccount = { email: 'organiser@bookify.test', password: 'organiser-demo-1', name: 'Olivia Organiser' }

export const DEMO_USERS: readonly DemoAccount[] = [
  { email: 'ada@bookify.test', password: 'ada-demo-pass-1', name: 'Ada Lovelace' },
  { email: 'linus@bookify.test', password: 'linus-demo-pass-1', name: 'Linus Torvalds' },
]

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [DEMO_ORGANISER, ...DEMO_USERS]
