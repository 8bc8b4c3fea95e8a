// `npm run db:migration -- <name>`: writes prisma/migrations/<UTC timestamp>_<name>/migration.sql with the
// SQL that takes the existing migrations to the current schema.prisma. Review it, append what Prisma
// cannot express (checks, triggers), then `npm run db:migrate`.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { config } from '../../server/config/env.ts'
import { createDatabaseIfMissing, createMigrationSql, describeDatabaseError, LOCKFILE_CONTENT, LOCKFILE_NAME, MIGRATIONS_DIR } from './engine.ts'

/** The same UTC stamp `prisma migrate dev` puts in front of a migration name. */
function timestamp(now = new Date()): string {
  return now.toISOString().replace(/[-:T]/g, '').slice(0, 14)
}

async function main(databaseUrl: string): Promise<number> {
  const name = process.argv[2]
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error('Usage: npm run db:migration -- <name>   (lower-case letters, digits and _ only)')
    return 2
  }
  // The engine replays the migrations into a temporary database next to this one.
  await createDatabaseIfMissing(databaseUrl)
  const sql = await createMigrationSql(databaseUrl)
  if (sql === '') {
    console.log('Nothing to write: schema and migrations agree.')
    return 1
  }
  const dir = join(MIGRATIONS_DIR, `${timestamp()}_${name}`)
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'migration.sql'), sql)
  const lockfile = join(MIGRATIONS_DIR, LOCKFILE_NAME)
  if (!existsSync(lockfile)) writeFileSync(lockfile, LOCKFILE_CONTENT)
  console.log(`Wrote ${relative(process.cwd(), join(dir, 'migration.sql'))}`)
  return 0
}

let databaseUrl = ''
try {
  databaseUrl = config().databaseDirectUrl // a session of its own (shadow database, advisory lock)
  process.exitCode = await main(databaseUrl)
} catch (error) {
  // One line, no stack: the cause is almost always the environment or a migration's SQL.
  console.error(`db:migration failed: ${databaseUrl ? describeDatabaseError(error, databaseUrl) : (error as Error).message}`)
  process.exitCode = 1
}
