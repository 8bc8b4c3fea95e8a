interface ApiRoute { route: string, method: string | undefined }

// Each table's patterns are compiled once: this runs for every unknown /api request, and building
// ~60 regular expressions per request made a stray 404/405 cost more than a real route.
const compiled = new WeakMap<ApiRoute[], { pattern: RegExp, method: string }[]>()

function patternsOf(routes: ApiRoute[]): { pattern: RegExp, method: string }[] {
  let patterns = compiled.get(routes)
  if (!patterns) {
    patterns = routes.map(({ route, method }) => ({
      pattern: new RegExp(`^${route.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\/:[^/]+/g, '/[^/]+')}/?$`),
      method: method ?? 'GET',
    }))
    compiled.set(routes, patterns)
  }
  return patterns
}

/** Methods of the routes whose pattern (`/api/events/:id`) matches the path. */
export function allowedMethods(routes: ApiRoute[], path: string): string[] {
  const methods = new Set<string>()
  for (const { pattern, method } of patternsOf(routes)) {
    if (pattern.test(path)) methods.add(method)
  }
  return [...methods].sort()
}
