import { clearPersonalData } from './idb'

/** Signing out: nothing of this user's stays on the device (IndexedDB copies and visited pages). */
export async function forgetDevice(): Promise<void> {
  await clearPersonalData().catch(() => undefined)
  if ('caches' in window) await caches.delete('pages').catch(() => false)
}
