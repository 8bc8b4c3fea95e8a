// Checks that PostgreSQL, Redis and RabbitMQ answer before `npm start` does anything, and says in
// plain words which one is down, where it was looked for and how to start it.
import { existsSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { config, type Config } from '../../server/config/env.ts'
import { LOGIN_REFUSED, probePostgres, probeRabbit, probeRedis, type Probe } from './service-probes.ts'

export type ServiceName = 'PostgreSQL' | 'Redis' | 'RabbitMQ'

interface ServiceProblem {
  service: ServiceName
  address: string
  reason: string
  message: string
}

const SERVICES: Record<ServiceName, { envVar: string, url: (c: Config) => string, probe: Probe, start: (port: string) => string }> = {
  PostgreSQL: { envVar: 'DATABASE_URL', url: c => c.databaseUrl, probe: probePostgres, start: () => 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start' },
  Redis: { envVar: 'REDIS_URL', url: c => c.redisUrl, probe: probeRedis, start: port => `redis-server --daemonize yes --bind 127.0.0.1 --port ${port} --save "" --appendonly no` },
  RabbitMQ: { envVar: 'AMQP_URL', url: c => c.amqpUrl, probe: probeRabbit, start: () => 'rabbitmq-server -detached' },
}
const DEFAULT_PORTS: Record<ServiceName, string> = { PostgreSQL: '5432', Redis: '6379', RabbitMQ: '5672' }
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])

/** The URL with any password replaced, so messages and logs never show it. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString().replace(/\/$/, '')
  } catch {
    return '(an unparsable URL)'
  }
}

const COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml']

/** `docker compose up -d` is only worth suggesting with both a docker CLI and a compose file. */
export function dockerAvailable(path = process.env.PATH ?? '', root = process.cwd()): boolean {
  return path.split(delimiter).some(dir => dir && existsSync(join(dir, 'docker')))
    && COMPOSE_FILES.some(file => existsSync(join(root, file)))
}

export function describeProblem(service: ServiceName, url: string, reason: string, withDocker: boolean): ServiceProblem {
  const { envVar, start } = SERVICES[service]
  const address = redactUrl(url)
  let host = ''
  let port = DEFAULT_PORTS[service]
  try {
    const u = new URL(url)
    host = u.hostname
    port = u.port || port
  } catch { /* keep the defaults; the message still names the setting */ }
  if (reason.startsWith(LOGIN_REFUSED)) {
    const message = `✖ ${service} at ${address} refused the login (${reason.slice(LOGIN_REFUSED.length + 2)}).\n  Check the user name and password in ${envVar}.`
    return { service, address, reason, message }
  }
  const lines = [`✖ ${service} is not reachable at ${address} (${reason}; set by ${envVar}).`]
  if (LOCAL_HOSTS.has(host)) {
    lines.push(`  Start it with:  ${start(port)}`)
    if (withDocker) lines.push('  or, with Docker:  docker compose up -d')
  } else {
    lines.push(`  It is not on this machine: check that it is running there and that ${envVar} is right.`)
  }
  return { service, address, reason, message: lines.join('\n') }
}

/** Probes one service; null when it answers. */
export async function checkService(service: ServiceName, url: string, timeoutMs = 2_000): Promise<ServiceProblem | null> {
  const reason = await SERVICES[service].probe(url, timeoutMs)
  return reason === null ? null : describeProblem(service, url, reason, dockerAvailable())
}

/** Probes all three at once (about 2 s at worst) and returns one problem per service that is down. */
export async function checkServices(cfg: Config = config(), timeoutMs = 2_000): Promise<ServiceProblem[]> {
  const names = Object.keys(SERVICES) as ServiceName[]
  const results = await Promise.all(names.map(name => checkService(name, SERVICES[name].url(cfg), timeoutMs)))
  return results.filter((problem): problem is ServiceProblem => problem !== null)
}
