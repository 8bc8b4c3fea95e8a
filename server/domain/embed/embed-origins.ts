// The sites an organiser lets frame their booking widget. The list is replaced whole (the settings
// form edits it as one text area), and read per event to build the embed pages' frame-ancestors.
import type { Db } from '../../db/client.ts'
import type { EmbedOriginsDto } from '../../../shared/types/embed.ts'
import type { RequestOrigin } from '../accounts/audit.ts'

export async function listEmbedOrigins(db: Db, userId: string): Promise<EmbedOriginsDto> {
  const rows = await db.embedOrigin.findMany({ where: { userId }, orderBy: { origin: 'asc' }, select: { origin: true } })
  return { origins: rows.map(r => r.origin) }
}

/** Replaces the caller's list (origins already validated and normalised by the shared schema). */
export async function setEmbedOrigins(db: Db, userId: string, origins: string[], from: RequestOrigin): Promise<EmbedOriginsDto> {
  const unique = [...new Set(origins)].sort()
  await db.$transaction(async (tx) => {
    await tx.embedOrigin.deleteMany({ where: { userId, origin: { notIn: unique } } })
    await tx.embedOrigin.createMany({ data: unique.map(origin => ({ userId, origin })), skipDuplicates: true })
    // Who may frame the organiser's sales is a security setting: keep a trace of each change.
    await tx.auditLog.create({
      data: { actorId: userId, action: 'embed_origins.updated', targetType: 'user', targetId: userId, data: { origins: unique }, ip: from.ip?.slice(0, 64), requestId: from.requestId?.slice(0, 128) },
    })
  })
  return { origins: unique }
}

/**
 * The origins allowed to frame an event's widget: its organiser's list. An unknown event has none,
 * so its embed page keeps frame-ancestors 'none' like every other page.
 */
export async function embedOriginsForEvent(db: Db, eventId: string): Promise<string[]> {
  const event = await db.event.findUnique({ where: { id: eventId }, select: { organiser: { select: { embedOrigins: { select: { origin: true }, orderBy: { origin: 'asc' } } } } } })
  return event?.organiser.embedOrigins.map(r => r.origin) ?? []
}
