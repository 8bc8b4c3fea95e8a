// E-mail cannot join a database transaction, so each (source, recipient, kind) e-mail is recorded
// as sent in processed_messages under its own consumer name, right after the SMTP server accepted
// it. A redelivery finds the record and does not send again. The one edge left is at-least-once:
// a crash between the SMTP server's acceptance and the record being written sends it twice.
import type { Db } from '../../db/client.ts'

export const EMAIL_CONSUMER = 'notifications-email'

export function emailKey(sourceId: string, userId: string, kind: string): string {
  return `${sourceId}:${userId}:${kind}`
}

export async function wasEmailSent(db: Db, key: string): Promise<boolean> {
  const row = await db.processedMessage.findUnique({ where: { consumer_messageId: { consumer: EMAIL_CONSUMER, messageId: key } } })
  return row !== null
}

export async function recordEmailSent(db: Db, key: string): Promise<void> {
  await db.processedMessage.createMany({ data: [{ consumer: EMAIL_CONSUMER, messageId: key }], skipDuplicates: true })
}
