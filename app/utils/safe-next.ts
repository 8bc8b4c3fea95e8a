/** A `?next=` target only if it stays on this site; anything else (//evil.example, https://…) becomes `/`. */
export function safeNext(next: unknown): string {
  const value = Array.isArray(next) ? next[0] : next
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/'
  return value
}
