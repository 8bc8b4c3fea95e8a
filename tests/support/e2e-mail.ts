// E-mail for the Playwright specs: the real outbox relay and notifications worker (as `npm start`
// runs them) against the e2e database, in a RabbitMQ virtual host of their own, sending to a fake
// SMTP server in the spec's process. Playwright-only (no vitest).
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { promisify } from 'node:util'
import pg from 'pg'
import { decodePart, mimeParts, startFakeSmtp, type FakeSmtp } from './fake-smtp.ts'

const run = promisify(execFile)
const tsxLoader = createRequire(import.meta.url).resolve('tsx')
const AMQP_BASE = process.env.TEST_AMQP_URL || 'amqp://guest:guest@127.0.0.1:5672'

export interface MailWorld {
  smtp: FakeSmtp
  /** The text part of the newest e-mail to `to` whose raw message matches `subject`, once it arrives. */
  textOf(to: string, subject: RegExp, timeoutMs?: number): Promise<string>
  stop(): Promise<void>
}

export async function startMailWorld(): Promise<MailWorld> {
  const databaseUrl = process.env.E2E_DATABASE_URL!
  // The e2e server runs without a relay, so earlier specs' outbox rows were never published; the
  // spec wants its own messages only, not a backlog of booking e-mails ahead of them.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 })
  await pool.query('UPDATE outbox_messages SET published_at = now() WHERE published_at IS NULL')
  await pool.end()

  const vhost = `bookify_e2e_${Date.now()}_${randomBytes(3).toString('hex')}`
  const user = new URL(AMQP_BASE).username || 'guest'
  await run('rabbitmqctl', ['-q', 'add_vhost', vhost])
  await run('rabbitmqctl', ['-q', 'set_permissions', '-p', vhost, user, '.*', '.*', '.*'])
  const amqp = new URL(AMQP_BASE)
  amqp.pathname = `/${encodeURIComponent(vhost)}`
  const smtp = await startFakeSmtp()
  const env = {
    ...process.env, NODE_ENV: 'test', DATABASE_URL: databaseUrl, AMQP_URL: amqp.toString(), SMTP_URL: smtp.url,
    APP_URL: process.env.E2E_BASE_URL!, BULLMQ_PREFIX: `bookify-e2e-${randomBytes(4).toString('hex')}`,
    RETRY_DELAYS_MS: '200,400,600,800', RELAY_POLL_MS: '50', AMQP_RECONNECT_MAX_MS: '500',
  }
  const children: ChildProcess[] = ['relay', 'notifications'].map(name => spawn(process.execPath, ['--import', tsxLoader, `workers/${name}.ts`], { env, stdio: 'ignore' }))

  return {
    smtp,
    async textOf(to, subject, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs
      while (Date.now() < deadline) {
        const mail = smtp.mails.filter(m => m.to.includes(to) && subject.test(m.raw)).at(-1)
        if (mail) return decodePart(mimeParts(mail.raw).find(p => /^text\/plain/i.test(p.headers['content-type'] ?? ''))!)
        await new Promise(r => setTimeout(r, 100))
      }
      throw new Error(`no e-mail to ${to} matching ${subject} within ${timeoutMs} ms`)
    },
    async stop() {
      await Promise.all(children.map(child => new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
        child.once('exit', () => { clearTimeout(timer); resolve() })
        child.kill('SIGTERM')
      })))
      await smtp.close()
      await run('rabbitmqctl', ['-q', 'delete_vhost', vhost]).catch(() => {})
    },
  }
}
