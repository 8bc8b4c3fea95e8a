import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createMailer } from '../../server/domain/notifications/mailer.ts'
import { renderEmail } from '../../server/domain/notifications/email-layout.ts'

const dir = mkdtempSync(join(tmpdir(), 'bookify-mail-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('mailer without SMTP_URL', () => {
  it('writes each message as an .eml file and logs its path', async () => {
    const logged: object[] = []
    const mailer = createMailer({ smtpUrl: undefined, mailDir: join(dir, 'mail'), from: 'Bookify <no-reply@localhost>', log: { info: obj => logged.push(obj) } })
    const sent = await mailer.send({ to: 'ada@example.test', ...renderEmail({ subject: 'Hello', heading: 'Hi', paragraphs: ['Body'], attachments: [{ filename: 'a.ics', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', contentType: 'text/calendar' }] }) })
    expect(sent.file).toMatch(/\.eml$/)
    const eml = readFileSync(sent.file!, 'utf8')
    expect(eml).toContain('To: ada@example.test')
    expect(eml).toContain('Subject: Hello')
    expect(eml).toMatch(/Content-Type: text\/calendar/)
    expect(logged).toEqual([expect.objectContaining({ file: sent.file, to: 'ada@example.test' })])
    mailer.close()
  })
})
