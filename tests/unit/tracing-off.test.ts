// Tracing costs nothing while OTEL_EXPORTER_OTLP_ENDPOINT is unset: the register file that every role
// is started with (`node --import`) then loads no OpenTelemetry SDK module and registers nothing.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { tracingSettings } from '../../server/observability/tracing/start-tracing.ts'

describe('tracingSettings', () => {
  it.each([
    ['endpoint unset', {}, '.output/server/index.mjs', undefined],
    ['endpoint empty', { OTEL_EXPORTER_OTLP_ENDPOINT: ' ' }, '.output/server/index.mjs', undefined],
    ['SDK disabled', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_SDK_DISABLED: 'true' }, 'dist/workers/relay.mjs', undefined],
    ['web server', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }, '/app/.output/server/index.mjs', 'bookify-web'],
    ['bundled worker', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }, '/app/dist/workers/relay.mjs', 'bookify-relay'],
    ['worker from source', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }, 'workers/notifications.ts', 'bookify-notifications'],
    ['named by OTEL_SERVICE_NAME', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_SERVICE_NAME: 'web-eu-1' }, '/app/.output/server/index.mjs', 'web-eu-1'],
  ])('%s', (_, env, entry, serviceName) => {
    expect(tracingSettings(env, entry)?.serviceName).toBe(serviceName)
  })
})

// Runs `node --import tsx --import <recorder> --import register.ts <probe>`: the recorder notes every
// @opentelemetry module resolved in the process; the probe prints them and whether an SDK registered
// itself with the API (its global slot).
const RECORDER = `data:text/javascript,${encodeURIComponent(`
import { registerHooks } from 'node:module'
globalThis.otelModules = []
registerHooks({ resolve(specifier, context, next) {
  if (specifier.startsWith('@opentelemetry/')) globalThis.otelModules.push(specifier)
  return next(specifier, context)
} })`)}`
const PROBE = `data:text/javascript,${encodeURIComponent(`
console.log(JSON.stringify({ modules: globalThis.otelModules, registered: !!globalThis[Symbol.for('opentelemetry.js.api.1')] }))
process.exit(0)`)}`

function probe(env: Record<string, string>): { modules: string[], registered: boolean } {
  const tsx = createRequire(import.meta.url).resolve('tsx')
  const env0 = { ...process.env }
  delete env0.OTEL_EXPORTER_OTLP_ENDPOINT
  const result = spawnSync(process.execPath, ['--import', tsx, '--import', RECORDER, '--import', './server/observability/tracing/register.ts', '--input-type=module', '-e', `await import(${JSON.stringify(PROBE)})`], {
    env: { ...env0, ...env }, encoding: 'utf8', timeout: 30_000,
  })
  const line = result.stdout.split('\n').find(l => l.startsWith('{'))
  if (!line) throw new Error(`probe printed nothing (exit ${result.status}):\n${result.stderr}`)
  return JSON.parse(line)
}

describe('the register file', () => {
  it('with OTEL_EXPORTER_OTLP_ENDPOINT unset, loads no SDK module and starts nothing', () => {
    expect(probe({})).toEqual({ modules: [], registered: false })
  }, 30_000)

  it('with the endpoint set, starts the SDK (the probe sees it)', () => {
    const { modules, registered } = probe({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' })
    expect(modules).toContain('@opentelemetry/sdk-trace-node')
    expect(registered).toBe(true)
  }, 30_000)
})
