// Runs after `npm install`: generates the Prisma client and Nuxt's types.
// The Prisma CLI would download a native schema engine first, which these machines cannot reach;
// `generate` never runs that engine, so pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file
// skips the download (see prisma/README.md). Migrations go through scripts/db/ instead.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || fileURLToPath(import.meta.url) }
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit', env })

run('npx', ['--no-install', 'prisma', 'generate', '--schema', 'prisma/schema.prisma'])
run('npx', ['--no-install', 'nuxt', 'prepare'])
