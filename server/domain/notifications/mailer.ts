// Sends e-mail through nodemailer to SMTP_URL; without SMTP_URL each message is written as an
// .eml file under MAIL_DIR instead (development), and the path is logged. Each send is a span (the last
// step of a booking's trace); it names the server, never the recipient.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { SpanKind, SpanStatusCode, type Attributes } from '@opentelemetry/api'
import nodemailer, { type Transporter } from 'nodemailer'
import { tracer } from '../../observability/tracing/trace-context.ts'
import type { RenderedEmail } from './email-layout.ts'

interface OutgoingMail extends RenderedEmail {
  to: string
}

interface SentMail {
  messageId: string
  /** The .eml file written when no SMTP server is configured. */
  file?: string
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<SentMail>
  close(): void
}

interface MailerOptions {
  smtpUrl: string | undefined
  mailDir: string
  from: string
  log?: { info(obj: object, msg?: string): void }
}

function message(from: string, mail: OutgoingMail) {
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    attachments: mail.attachments.map(a => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
  }
}

/** Runs one send inside a client span (a no-op while tracing is off). */
function traced<T>(name: string, attributes: Attributes, send: () => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, { kind: SpanKind.CLIENT, attributes }, async (span) => {
    try {
      return await send()
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err))
      span.recordException(error)
      span.setStatus({ code: SpanStatusCode.ERROR, message: error.message })
      throw err
    } finally {
      span.end()
    }
  })
}

function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport: Transporter = nodemailer.createTransport(smtpUrl)
  const { hostname, port } = new URL(smtpUrl)
  const smtpServer: Attributes = { 'server.address': hostname, ...(port ? { 'server.port': Number(port) } : {}) }
  return {
    async send(mail) {
      const info = await traced('smtp send', smtpServer, () => transport.sendMail(message(from, mail)))
      return { messageId: info.messageId }
    },
    close: () => transport.close(),
  }
}

function fileMailer(mailDir: string, from: string, log: MailerOptions['log']): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' })
  return {
    send: mail => traced('mail write', { 'bookify.mail.dir': mailDir }, async () => {
      const info = await transport.sendMail(message(from, mail))
      await mkdir(mailDir, { recursive: true })
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^\w.-]+/g, '')}.eml`
      const file = join(mailDir, name)
      await writeFile(file, info.message as Buffer)
      log?.info({ file, to: mail.to, subject: mail.subject }, 'SMTP_URL unset: e-mail written to a file')
      return { messageId: info.messageId, file }
    }),
    close: () => transport.close(),
  }
}

export function createMailer(options: MailerOptions): Mailer {
  return options.smtpUrl ? smtpMailer(options.smtpUrl, options.from) : fileMailer(options.mailDir, options.from, options.log)
}
