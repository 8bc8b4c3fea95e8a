import { searchQuery } from '../../../shared/schemas/search.ts'
import { searchCatalogue } from '../../domain/search/search-catalogue.ts'

export default defineEventHandler((event) => {
  const query = queryValid(event, searchQuery)
  return searchCatalogue(useDb(), query)
})
