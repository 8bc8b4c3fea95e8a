// The README's Integrations examples are run as written (bash and curl), against the test server
// standing in for `npm start`: an example that stops working fails here instead of on a reader.
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, baseUrl, uniqueEmail } from '../support/http.ts'
import { createPublishedEvent } from '../support/fixtures.ts'

const run = promisify(execFile)

/** Every ```bash block of the README section headed `## <heading>`. */
function bashBlocks(heading: string): string[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  const section = readme.split(/^## /m).find(s => s.startsWith(`${heading}\n`))
  if (!section) throw new Error(`README has no "## ${heading}" section`)
  return [...section.matchAll(/```bash\n([\s\S]*?)```/g)].map(m => m[1]!)
}

describe('README, Integrations', () => {
  const email = uniqueEmail('readme')
  const password = 'correct horse battery'
  let eventId: string

  beforeAll(async () => {
    const registered = await api('POST', '/api/auth/register', { body: { email, password, name: 'Readme Organiser' } })
    expect(registered.status).toBe(201)
    eventId = (await createPublishedEvent(registered.body.user.id, [{ name: 'Floor', kind: 'GA', capacity: 5 }])).id
  })

  it('runs the API-key walk-through: list, CSV, scope refused, revoked, the OpenAPI document', async () => {
    const [script] = bashBlocks('Integrations')
    expect(script).toContain('api-keys')
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', script!], {
      env: { ...process.env, BASE: baseUrl(), EMAIL: email, PASSWORD: password },
      timeout: 30_000,
    }).catch((err: { stdout?: string, stderr?: string, code?: number }) => {
      throw new Error(`the example stopped (exit ${err.code}):\n--- stdout\n${err.stdout}\n--- stderr\n${err.stderr}`)
    })
    // The events list with the key (its RateLimit-* headers are off in the test server: rate-limits.test.ts).
    expect(stdout).toMatch(/^HTTP\/1\.1 200/m)
    expect(stdout).toContain(eventId)
    // The attendee CSV's header row.
    expect(stdout).toMatch(/^\uFEFF?Name,E-mail,Section,Seat,Ticket type/m)
    // PATCH outside the key's scopes, then the key after revocation.
    expect(stdout).toContain('"code":"SCOPE_DENIED"')
    expect(stdout).toContain('"code":"TOKEN_INVALID","message":"This API key has been revoked."')
    expect(stdout).toMatch(/^OpenAPI 3\.1\.\d: \d{2,} paths$/m)
  })
})
