// The waiting room's admission token, kept per event in localStorage so other tabs, reloads and a
// dropped connection keep the turn. The server decides validity; this only forgets lapsed tokens.
const keyOf = (eventId: string) => `bookify:admission:${eventId}`

export interface SavedAdmission {
  token: string
  until: string
}

export function saveAdmission(eventId: string, admission: SavedAdmission): void {
  if (import.meta.client) deviceStorage().setItem(keyOf(eventId), JSON.stringify(admission))
}

export function savedAdmission(eventId: string): SavedAdmission | null {
  if (!import.meta.client) return null
  try {
    const saved = JSON.parse(deviceStorage().getItem(keyOf(eventId)) ?? 'null') as SavedAdmission | null
    return saved && Date.parse(saved.until) > Date.now() ? saved : null
  } catch {
    return null
  }
}

export function forgetAdmission(eventId: string): void {
  if (import.meta.client) deviceStorage().removeItem(keyOf(eventId))
}

/** The header POST /api/holds wants while the event's waiting room is on (nothing when there is no token). */
export function admissionHeader(eventId: string): Record<string, string> {
  const saved = savedAdmission(eventId)
  return saved ? { 'X-Admission-Token': saved.token } : {}
}
