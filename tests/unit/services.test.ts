import { describe, expect, it } from 'vitest'
import { checkService, describeProblem, dockerAvailable, redactUrl, type ServiceName } from '../../scripts/lib/services.ts'

describe('redactUrl', () => {
  it.each([
    ['amqp://guest:guest@127.0.0.1:5672', 'amqp://guest:***@127.0.0.1:5672'],
    ['postgresql://postgres@127.0.0.1:5432/bookify', 'postgresql://postgres@127.0.0.1:5432/bookify'],
    ['redis://:s3cret@cache.internal:6379', 'redis://:***@cache.internal:6379'],
    ['not a url', '(an unparsable URL)'],
  ])('%s → %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected)
  })
})

describe('describeProblem', () => {
  it.each<[string, ServiceName, string, boolean, string[], string[]]>([
    ['local Redis on another port', 'Redis', 'redis://127.0.0.1:6390', false,
      ['Redis is not reachable at redis://127.0.0.1:6390 (connection refused; set by REDIS_URL)', 'redis-server --daemonize yes --bind 127.0.0.1 --port 6390 --save "" --appendonly no'],
      ['docker compose']],
    ['local PostgreSQL with Docker', 'PostgreSQL', 'postgresql://postgres@localhost:5432/bookify', true,
      ['PostgreSQL is not reachable at postgresql://postgres@localhost:5432/bookify', 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start', 'docker compose up -d'],
      []],
    ['local RabbitMQ hides the password', 'RabbitMQ', 'amqp://guest:guest@127.0.0.1:5672', false,
      ['amqp://guest:***@127.0.0.1:5672', 'rabbitmq-server -detached', 'AMQP_URL'],
      ['guest:guest']],
    ['remote service: no local start command', 'Redis', 'redis://:pw@cache.example.com:6379', true,
      ['not on this machine', 'REDIS_URL is right'],
      ['redis-server', 'docker compose', ':pw@']],
    ['refused login: check the credentials', 'RabbitMQ', 'amqp://guest:bad@127.0.0.1:5672', false,
      ['refused the login (403 ACCESS_REFUSED)', 'Check the user name and password in AMQP_URL'],
      ['rabbitmq-server', ':bad@']],
  ])('%s', (_, service, url, withDocker, present, absent) => {
    const reason = url.includes(':bad@') ? 'login refused: 403 ACCESS_REFUSED' : 'connection refused'
    const { message, address } = describeProblem(service, url, reason, withDocker)
    expect(address).not.toMatch(/:(guest|pw|bad)@/)
    for (const text of present) expect(message).toContain(text)
    for (const text of absent) expect(message).not.toContain(text)
  })
})

describe('dockerAvailable', () => {
  it('needs a docker executable on PATH', () => {
    expect(dockerAvailable('/nonexistent-dir')).toBe(false)
  })
})

describe('checkService against a closed port', () => {
  // Nothing listens on these ports on a developer or CI machine: the probe must fail fast and say where it looked.
  it.each<[ServiceName, string, string]>([
    ['Redis', 'redis://127.0.0.1:6390', 'Redis is not reachable at redis://127.0.0.1:6390 (connection refused'],
    ['PostgreSQL', 'postgresql://postgres@127.0.0.1:5439/bookify', 'PostgreSQL is not reachable at postgresql://postgres@127.0.0.1:5439/bookify (connection refused'],
    ['RabbitMQ', 'amqp://guest:guest@127.0.0.1:5679', 'RabbitMQ is not reachable at amqp://guest:***@127.0.0.1:5679 (connection refused'],
  ])('%s at %s', async (service, url, expected) => {
    const started = Date.now()
    const problem = await checkService(service, url, 2_000)
    expect(problem?.message).toContain(expected)
    expect(Date.now() - started).toBeLessThan(2_500)
  })
})
