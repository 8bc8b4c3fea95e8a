// Builds the Nuxt app when .output is missing or older than any source file, so `npm start`
// and the test suites always run what is in the work tree without rebuilding needlessly.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const SOURCES = ['app', 'server', 'shared', 'public', 'config', 'nuxt.config.ts', 'package.json'] // config/: the PWA and build settings nuxt.config.ts imports
const BUILD_MARKER = '.output/nitro.json'
const FLOCK = '/usr/bin/flock'
const BUILD_LOCK = '/tmp/bookify-build.lock'
const NUXT_BUILD = ['npx', '--no-install', 'nuxt', 'build']

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'generated' && path.endsWith('db')) continue
    newest = Math.max(newest, newestMtime(join(path, entry)))
  }
  return newest
}

function buildIsStale(root = process.cwd()): boolean {
  const marker = join(root, BUILD_MARKER)
  if (!existsSync(marker)) return true
  const builtAt = statSync(marker).mtimeMs
  return SOURCES.some(source => newestMtime(join(root, source)) > builtAt)
}

export function ensureBuild(log: (line: string) => void = console.log, root = process.cwd()): void {
  if (!buildIsStale(root)) return
  log('Building the app (the build is missing or older than the sources)…')
  // Parallel test runs on one machine share .output: flock(1) lets one build at a time.
  const [cmd, args] = existsSync(FLOCK) ? [FLOCK, [BUILD_LOCK, ...NUXT_BUILD]] : [NUXT_BUILD[0]!, NUXT_BUILD.slice(1)]
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
  if (result.status !== 0) throw new Error(`nuxt build failed with exit code ${result.status}`)
}
