import { suggestQuery } from '../../../shared/schemas/search.ts'
import { suggestSearches } from '../../domain/search/search-catalogue.ts'

export default defineEventHandler((event) => {
  const { q } = queryValid(event, suggestQuery)
  return suggestSearches(useDb(), q)
})
