// Inserts a section's planned places. createMany in slices keeps each statement well below
// PostgreSQL's 65,535 bind parameters, whatever the section's size.
import type { Prisma } from '../../db/client.ts'
import type { PlannedPlace } from './build-inventory.ts'

const SLICE = 4_000

export async function createPlaces(tx: Prisma.TransactionClient, eventId: string, sectionId: string, places: PlannedPlace[]): Promise<void> {
  for (let start = 0; start < places.length; start += SLICE) {
    await tx.place.createMany({
      data: places.slice(start, start + SLICE).map(p => ({ ...p, eventId, sectionId })),
    })
  }
}
