// Another web server for a test file that needs other settings than the run's (rate limits on, a
// METRICS_TOKEN, a fake Google…), on the run's database and its copy of the build (global-setup.ts).
import { inject } from 'vitest'
import { startServer, type RunningServer } from './server.ts'

export function startTestServer(env: Record<string, string>, options: { logFile?: string } = {}): Promise<RunningServer> {
  return startServer(env, undefined, { ...options, build: inject('buildDir') })
}
