// Copies into <out>/node_modules only the package files the bundled workers and the migration command
// (dist/**/*.mjs) actually load, traced with @vercel/nft — the tracer Nitro uses for .output/server.
// Why: `npm install --omit=dev` still brings nuxt with its whole build toolchain (vite, rolldown,
// esbuild, lightningcss), the Prisma CLI and TypeScript (installed as peer dependencies of
// @prisma/client and vue) and every googleapis API, none of which a worker loads; that was most of
// the image. The Dockerfile's build stage runs this; the image check then starts every role from it.
//
//   node scripts/trace-runtime-deps.mjs <out-dir> [bundles-dir, default dist]
// The bundles must sit inside the project (their imports resolve from its node_modules).
import { cpSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { nodeFileTrace } from '@vercel/nft'

const out = process.argv[2]
if (!out) {
  console.error('usage: node scripts/trace-runtime-deps.mjs <out-dir> [bundles-dir]')
  process.exit(2)
}

function mjsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return mjsFiles(path)
    return path.endsWith('.mjs') ? [path] : []
  })
}

// Files read by a path built at run time, which the tracer cannot see: the migration engine loads its
// WebAssembly next to its own module.
const ALWAYS = ['node_modules/@prisma/schema-engine-wasm']

function filesUnder(path) {
  return statSync(path).isDirectory() ? readdirSync(path).flatMap(name => filesUnder(join(path, name))) : [path]
}

const entries = mjsFiles(process.argv[3] ?? 'dist')
// moduleSyncCatchall: trace both branches of packages' "module-sync" exports (async-function and
// friends), whatever Node version runs the trace.
const { fileList, warnings } = await nodeFileTrace(entries, { base: process.cwd(), moduleSyncCatchall: true })
let copied = 0
let bytes = 0
for (const file of new Set([...fileList, ...ALWAYS.flatMap(filesUnder)])) {
  if (!file.startsWith('node_modules/')) continue
  const stat = statSync(file)
  if (stat.isDirectory()) continue
  mkdirSync(join(out, dirname(file)), { recursive: true })
  cpSync(file, join(out, file), { dereference: true })
  copied++
  bytes += stat.size
}
// The traced tree is not an npm install: say so, so nobody runs npm against it expecting a full one.
writeFileSync(join(out, 'node_modules', '.traced-by-nft'), `${entries.join('\n')}\n`)
const missing = [...warnings].filter(w => /Cannot find module/.test(String(w)))
for (const w of missing) console.warn(`trace warning: ${w.message ?? w}`)
console.log(`Traced ${entries.length} entry points: ${copied} package files, ${(bytes / 1048576).toFixed(1)} MB`)
