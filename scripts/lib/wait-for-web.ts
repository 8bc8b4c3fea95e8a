// Waits until the web server answers, so the "ready" banner is only printed once it is true.
/** Resolves true once GET /api/health answers 200 (or, before that route exists, `/` does); false on timeout. */
export async function waitForWeb(baseUrl: string, isAlive: () => boolean, timeoutMs = 60_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline && isAlive()) {
    try {
      const health = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) })
      if (health.ok) return true
      if (health.status === 404 && (await fetch(baseUrl, { signal: AbortSignal.timeout(5_000) })).ok) return true
    } catch { /* not listening yet */ }
    await new Promise(resolve => setTimeout(resolve, 250))
  }
  return false
}
