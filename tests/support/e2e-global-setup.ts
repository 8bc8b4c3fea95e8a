// Playwright's counterpart of global-setup.ts: the real built server on a throw-away database.
// The URL reaches the tests as E2E_BASE_URL (read by playwright.config.ts in each worker).
import { randomBytes } from 'node:crypto'
import { ensureBuild } from '../../scripts/lib/ensure-build.ts'
import { createTestDatabase } from './database.ts'
import { startServer } from './server.ts'

export default async function globalSetup(): Promise<() => Promise<void>> {
  ensureBuild()
  const db = await createTestDatabase('bookify_e2e')
  try {
    const server = await startServer({
      DATABASE_URL: db.url,
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
    })
    process.env.E2E_BASE_URL = server.url
    process.env.E2E_DATABASE_URL = db.url
    return async () => {
      await server.stop()
      await db.drop()
    }
  } catch (error) {
    await db.drop()
    throw error
  }
}
