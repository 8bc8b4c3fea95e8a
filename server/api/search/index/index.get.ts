// GET /api/search/index (a folder, because search/index.get.ts is GET /api/search): the snapshot's
// gzip bytes served as they are stored, revalidated by ETag so an unchanged index costs a 304.
import { gunzipSync } from 'node:zlib'
import { searchIndexDownload } from '../../../domain/search/index-download.ts'

export default defineEventHandler(async (event) => {
  const { etag, gzip } = await searchIndexDownload(useDb())
  // Weak: the same snapshot may go out compressed or not.
  const tag = `W/"${etag}"`
  setResponseHeaders(event, { 'ETag': tag, 'Cache-Control': 'no-cache', 'Vary': 'Accept-Encoding' })
  const ifNoneMatch = getRequestHeader(event, 'if-none-match') ?? ''
  if (ifNoneMatch.split(',').some(t => t.trim().replace(/^W\//, '') === `"${etag}"` || t.trim() === '*')) {
    return sendNoContent(event, 304)
  }
  setResponseHeader(event, 'Content-Type', 'application/json; charset=utf-8')
  if (/\bgzip\b/.test(getRequestHeader(event, 'accept-encoding') ?? '')) {
    setResponseHeader(event, 'Content-Encoding', 'gzip')
    return Buffer.from(gzip.buffer, gzip.byteOffset, gzip.byteLength)
  }
  return gunzipSync(gzip)
})
