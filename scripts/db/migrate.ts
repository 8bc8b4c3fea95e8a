// `npm run db:migrate`: creates the configured database if needed and applies pending migrations.
// Used the same way on a laptop, in CI and when the Docker image starts.
import { config } from '../../server/config/env.ts'
import { applyMigrations, createDatabaseIfMissing, describeDatabaseError } from './engine.ts'

async function main(databaseUrl: string): Promise<void> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1))
  if (await createDatabaseIfMissing(databaseUrl)) console.log(`Created database "${name}"`)
  const { applied } = await applyMigrations(databaseUrl)
  for (const migration of applied) console.log(`Applied ${migration}`)
  if (applied.length === 0) console.log('Database is up to date')
}

let databaseUrl = ''
try {
  // PostgreSQL itself: the migration lock is a session advisory lock, which a transaction pooler breaks.
  databaseUrl = config().databaseDirectUrl
  await main(databaseUrl)
} catch (error) {
  // One line, no stack: this runs before every start, and the cause is almost always the environment.
  console.error(`db:migrate failed: ${databaseUrl ? describeDatabaseError(error, databaseUrl) : (error as Error).message}`)
  process.exitCode = 1
}
