// A real SMTP server (smtp-server) on 127.0.0.1 and a random port, keeping every message's raw
// MIME, plus just enough MIME parsing to find a part by content type and decode it.
import { SMTPServer } from 'smtp-server'

interface CapturedMail {
  from: string
  to: string[]
  raw: string
}

export interface FakeSmtp {
  url: string
  mails: CapturedMail[]
  close(): Promise<void>
}

export async function startFakeSmtp(): Promise<FakeSmtp> {
  const mails: CapturedMail[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = ''
      stream.setEncoding('utf8')
      stream.on('data', (chunk: string) => { raw += chunk })
      stream.on('end', () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map(r => r.address), raw })
        callback()
      })
    },
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()))
  const address = server.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise(resolve => server.close(() => resolve())) }
}

interface MimePart {
  headers: Record<string, string>
  body: string
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const line of block.replace(/\r\n[ \t]+/g, ' ').split(/\r\n/)) {
    const i = line.indexOf(':')
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim()
  }
  return headers
}

/** Every leaf part of a MIME message, multipart nesting walked through. */
export function mimeParts(raw: string): MimePart[] {
  const split = raw.indexOf('\r\n\r\n')
  const headers = parseHeaders(raw.slice(0, split))
  const body = raw.slice(split + 4)
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1]
  if (!/^multipart\//i.test(headers['content-type'] ?? '') || !boundary) return [{ headers, body }]
  return body.split(`--${boundary}`).slice(1).filter(p => !p.startsWith('--')).flatMap(p => mimeParts(p.replace(/^\r\n/, '')))
}

export function decodePart(part: MimePart): string {
  const encoding = (part.headers['content-transfer-encoding'] ?? '7bit').toLowerCase()
  if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8')
  if (encoding === 'quoted-printable') {
    return Buffer.from(part.body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8')
  }
  return part.body
}

export function headerOf(raw: string, name: string): string | undefined {
  return parseHeaders(raw.slice(0, raw.indexOf('\r\n\r\n')))[name.toLowerCase()]
}
