import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          // One database per run, created and migrated here, dropped afterwards.
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          // Test files share the run's database and server; run them one after another.
          fileParallelism: false,
          // …in one process: a fresh one per file would load Prisma, BullMQ and the rest again each
          // time (about half a second a file). Every file makes its own users, events, vhost and
          // workers, and stops what it started, so nothing carries over but warm modules and the pool
          // of testDb().
          isolate: false,
        },
      },
      {
        test: {
          // Tests that break things on private servers: a private Redis flushed mid-sale, PostgreSQL
          // connections killed, SIGTERM during load. `npm run test:faults`; CI runs it after `npm test`.
          name: 'faults',
          include: ['tests/faults/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
