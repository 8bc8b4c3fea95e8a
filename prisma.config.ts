// The standard Prisma CLI's view of this project, for machines that have its native schema engine.
// Here, migrations go through scripts/db (WebAssembly engine, same folders, same _prisma_migrations
// table), so `prisma migrate deploy` elsewhere and `npm run db:migrate` here stay interchangeable.
import { defineConfig } from 'prisma/config'

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: {
    path: 'prisma/migrations',
    seed: 'tsx prisma/seed.ts',
  },
  datasource: {
    // Same default as server/config/env.ts; read directly because that module writes dev secrets on load.
    url: process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/bookify',
  },
})
