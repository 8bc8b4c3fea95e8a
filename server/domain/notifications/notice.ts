// What a notifications handler decides to tell one user: the in-app notification and, optionally,
// the e-mail. Content builders produce these; deliverNotices() stores and sends them.
import type { Db } from '../../db/client.ts'
import type { NotificationKind } from '../../../shared/types/notification.ts'
import type { AfterCommit, LogLike, TxRunner } from '../ports.ts'
import type { EmailContent } from './email-layout.ts'
import type { Mailer } from './mailer.ts'

export interface Notice {
  userId: string
  kind: NotificationKind
  title: string
  body: string
  link?: string
  /** Ids the notice is about (bookingId, eventId, …); `eventState` is kept private. */
  data: Record<string, unknown>
  email?: EmailContent
  /** The preference that allows the e-mail: `email` for everything but reminders. */
  emailPref?: 'email' | 'reminders'
}

export type { LogLike, Tx, TxRunner } from '../ports.ts'

export interface NotifyDeps {
  db: Db
  mailer: Mailer
  appUrl: string
  log: LogLike
  /** Live push after commit; absent in tests that do not need it. */
  effects?: Pick<AfterCommit, 'notificationStored'>
}

/** Where a handler's effect commits, and the id its notifications are deduplicated on. */
export interface NotifyContext {
  sourceId: string
  runTx: TxRunner
}
