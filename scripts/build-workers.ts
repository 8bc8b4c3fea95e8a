// `npm run build:workers`: bundles each worker (workers/<name>.ts) and the migration command into plain
// ES modules under dist/, so the image runs them with `node` alone — no TypeScript transpiler in the
// production dependencies, no transpiling at every start. Our code is bundled; packages stay imports
// resolved from node_modules, as the Nitro build does for the web. Each bundle sits two folders deep
// (dist/workers/, dist/scripts/), like its source, so paths the code builds from its own location
// (`new URL('../../', import.meta.url)`: the migrations folder) still point at the project root.
import { readdirSync } from 'node:fs'
import { build } from 'esbuild'

const WORKERS = readdirSync('workers').filter(f => f.endsWith('.ts')).map(f => f.replace(/\.ts$/, ''))

export async function buildWorkers(outdir = 'dist', extra: { in: string, out: string }[] = []): Promise<string[]> {
  const entryPoints = [
    ...WORKERS.map(name => ({ in: `workers/${name}.ts`, out: `workers/${name}` })),
    { in: 'scripts/db/migrate.ts', out: 'scripts/migrate' },
    // Loaded with `node --import` before any role when tracing is wanted (NODE_OPTIONS in the image).
    { in: 'server/observability/tracing/register.ts', out: 'tracing/register' },
    ...extra,
  ]
  await build({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    sourcemap: true,
    logLevel: 'warning',
  })
  return entryPoints.map(e => `${outdir}/${e.out}.mjs`)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now()
  const files = await buildWorkers(process.argv[2])
  console.log(`Bundled ${files.length} entry points in ${Date.now() - started} ms: ${files.join(', ')}`)
}
