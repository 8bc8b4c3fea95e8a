/** Methods of the routes whose pattern (`/api/events/:id`) matches the path. */
export function allowedMethods(routes: { route: string, method: string | undefined }[], path: string): string[] {
  const methods = new Set<string>()
  for (const { route, method } of routes) {
    const pattern = new RegExp(`^${route.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\/:[^/]+/g, '/[^/]+')}/?$`)
    if (pattern.test(path)) methods.add(method ?? 'GET')
  }
  return [...methods].sort()
}
