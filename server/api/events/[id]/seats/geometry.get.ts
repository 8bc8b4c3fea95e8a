import { idParams } from '../../../../../shared/schemas/params.ts'
import { seatGeometryQuery } from '../../../../../shared/schemas/events.ts'
import { getSeatGeometry } from '../../../../domain/events/seat-geometry.ts'

// The version in the URL is the body's hash: when it is the current one the answer never changes.
export default defineEventHandler((event) => {
  const { id } = readParams(event, idParams)
  const { v } = queryValid(event, seatGeometryQuery)
  return servePublicRead(event, {
    spec: geometryRead(id),
    eventId: id,
    policy: read => (v === versionOf(read) ? { sMaxAge: 31_536_000, staleWhileRevalidate: 0, immutable: true } : { sMaxAge: 60, staleWhileRevalidate: 60 }),
    backstage: caller => getSeatGeometry(useDb(), id, caller),
  })
})
