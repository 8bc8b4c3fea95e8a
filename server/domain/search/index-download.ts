// GET /api/search/index: the stored snapshot bytes as they are, for offline search in the browser.
import type { Db } from '../../db/client.ts'
import { DomainError } from '../errors.ts'
import { currentSearch } from './current-search.ts'

interface IndexDownload {
  etag: string
  version: bigint
  /** gzip-compressed JSON (SearchIndexPayload). */
  gzip: Uint8Array
}

export async function searchIndexDownload(db: Db): Promise<IndexDownload> {
  const loaded = await currentSearch(db)
  if (!loaded) throw new DomainError('NOT_FOUND', 'The search index is not ready yet; try again in a moment.')
  return { etag: loaded.etag, version: loaded.version, gzip: loaded.gzip }
}
