// `npm start`: the whole app on one machine. Checks the services, migrates and seeds the database,
// builds if needed, then runs the web server and every worker with prefixed output until Ctrl-C.
import { createRequire } from 'node:module'
import { DEMO_ACCOUNTS } from '../prisma/seed/accounts.ts'
import { seedDemoData } from '../prisma/seed.ts'
import { config, ConfigError } from '../server/config/env.ts'
import { createDb } from '../server/db/client.ts'
import { applyMigrations, createDatabaseIfMissing } from './db/engine.ts'
import { ensureBuild } from './lib/ensure-build.ts'
import { checkServices } from './lib/services.ts'
import { supervise, type ExitInfo, type ProcessSpec } from './lib/supervisor.ts'
import { waitForWeb } from './lib/wait-for-web.ts'

const WORKERS = ['relay', 'notifications', 'calendar', 'search-index', 'cleanup', 'payments', 'webhooks'] as const
const TRACING_REGISTER = './server/observability/tracing/register.ts'

/** A failure the user can act on from its message alone: printed without a stack trace. */
class StartError extends Error {}

const say = (line: string) => console.log(`[start] ${line}`)

async function prepareDatabase(databaseUrl: string): Promise<void> {
  if (await createDatabaseIfMissing(databaseUrl)) say(`Created database "${new URL(databaseUrl).pathname.slice(1)}".`)
  const { applied } = await applyMigrations(databaseUrl)
  say(applied.length ? `Applied migrations: ${applied.join(', ')}.` : 'Database schema is up to date.')
  const db = createDb(databaseUrl, { max: 2 })
  try {
    const result = await seedDemoData(db)
    say(result.seeded ? `Seeded demo data: ${result.users} users, ${result.events} events.` : 'Database already seeded; demo data left alone.')
  } finally {
    await db.$disconnect()
  }
}

function processSpecs(port: number): ProcessSpec[] {
  // Children run on this same Node; workers load TypeScript through tsx's loader, in one process each.
  const tsxLoader = createRequire(import.meta.url).resolve('tsx')
  // With OTEL_EXPORTER_OTLP_ENDPOINT in the environment every process starts the OpenTelemetry SDK
  // before anything else (README, "Tracing"); without it the web server is spared loading tsx at all.
  const tracing = process.env.OTEL_EXPORTER_OTLP_ENDPOINT ? ['--import', TRACING_REGISTER] : []
  return [
    { name: 'web', command: process.execPath, args: [...(tracing.length ? ['--import', tsxLoader] : []), ...tracing, '.output/server/index.mjs'], env: { PORT: String(port) } },
    ...WORKERS.map(name => ({ name, command: process.execPath, args: ['--import', tsxLoader, ...tracing, `workers/${name}.ts`] })),
  ]
}

function banner(appUrl: string): string {
  const accounts = DEMO_ACCOUNTS.map(a => `    ${a.email.padEnd(24)} ${a.password.padEnd(20)} ${a.name}`)
  return [
    '',
    `  Bookify is running at ${appUrl}`,
    '',
    '  Demo accounts (e-mail, password):',
    ...accounts,
    '',
    '  Press Ctrl-C to stop.',
    '',
  ].join('\n')
}

async function main(): Promise<void> {
  const cfg = config()
  const problems = await checkServices(cfg)
  if (problems.length > 0) {
    const list = problems.map(p => p.message).join('\n')
    throw new StartError(`Bookify needs PostgreSQL, Redis and RabbitMQ running.\n\n${list}\n\nThen run \`npm start\` again.`)
  }
  // Migrations hold a session advisory lock: PostgreSQL itself, never through a transaction pooler.
  await prepareDatabase(cfg.databaseDirectUrl)
  ensureBuild(say)

  let shuttingDown = false
  const stopEverything = async (reason: string, exitCode: number) => {
    if (shuttingDown) return
    shuttingDown = true
    say(`${reason} Stopping everything…`)
    await supervisor.stop()
    say('All processes stopped.')
    process.exit(exitCode)
  }
  const onExit = ({ name, code, signal }: ExitInfo) => {
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`
    // Without the web server nothing is usable; a failed worker only degrades background work.
    if (name === 'web') void stopEverything(`The web server ${how}.`, code || 1)
    else say(`Warning: worker "${name}" ${how}; the app keeps running without it.`)
  }
  const supervisor = supervise(processSpecs(cfg.port), onExit)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => void stopEverything(`Received ${signal}.`, 0))
  }

  if (await waitForWeb(`http://127.0.0.1:${cfg.port}`, () => !shuttingDown)) console.log(banner(cfg.appUrl))
  else if (!shuttingDown) say(`Warning: the web server has not answered on port ${cfg.port} yet.`)
}

main().catch((error: unknown) => {
  if (error instanceof StartError || error instanceof ConfigError) console.error(error.message)
  else console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}${process.env.DEBUG ? `\n${(error as Error).stack}` : ''}`)
  process.exit(1)
})
