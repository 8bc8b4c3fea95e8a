import { defineConfig } from 'vitest/config'

/** Integration files that stop the shared broker; they run alone (project integration-broker). */
const BROKER_STOPPERS = ['tests/integration/messaging-relay.test.ts', 'tests/integration/rabbitmq-restart-bookings.test.ts']

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
          exclude: BROKER_STOPPERS,
          environment: 'node',
          // One database per run, created and migrated here, dropped afterwards.
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          // Files run side by side: most of a file's time is spent waiting on servers, workers and
          // the broker, not on the CPU. Every file makes its own users, events, vhost and workers, so
          // files do not see each other's data; three at a time is what two cores keep busy. The files
          // that start an outbox relay take turns (tests/support/relay-turns.ts).
          maxWorkers: 3,
          setupFiles: ['tests/support/relay-turns.ts'],
          // A worker process runs its files one after another without reloading: a fresh process per
          // file would load Prisma, BullMQ and the rest again each time (about half a second a file).
          isolate: false,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          // The files that stop the shared RabbitMQ (rabbitmqctl stop_app) run alone, after the rest:
          // any file running beside them would lose its broker mid-test.
          name: 'integration-broker',
          include: BROKER_STOPPERS,
          environment: 'node',
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          isolate: false,
          sequence: { groupOrder: 1 },
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
