// The Prisma client, built on the pg driver adapter (no native query engine is needed at run time).
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from './generated/client.ts'

export type Db = PrismaClient
export type { Prisma } from './generated/client.ts'

export function createDb(connectionString: string, options: { max?: number } = {}): Db {
  const adapter = new PrismaPg({ connectionString, max: options.max ?? 10 })
  return new PrismaClient({ adapter })
}
