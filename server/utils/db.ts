import { createDb, type Db } from '../db/client.ts'
import { config } from '../config/env.ts'

let db: Db | undefined

/** The web process's Prisma client, created on first use. */
export function useDb(): Db {
  db ??= createDb(config().databaseUrl, { max: config().databasePoolSize, preparedStatements: config().databasePreparedStatements })
  return db
}
