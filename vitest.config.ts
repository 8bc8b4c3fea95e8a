import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defineConfig } from 'vitest/config'

// Every Node process a run starts (vitest's workers, the built web servers, the bundled workers, dozens
// of each) compiles the same modules again; Node's on-disk compile cache keeps V8's code for them, so
// the second start onwards skips most compiling. Set here, before vitest forks anything, so every child
// inherits it; a developer's own setting wins.
process.env.NODE_COMPILE_CACHE ??= join(tmpdir(), 'bookify-node-compile-cache')

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
          // One lane per worker (tests/support/lane.ts): its own database, server and Redis
          // database, created here and dropped afterwards.
          globalSetup: ['tests/support/global-setup.ts'],
          setupFiles: ['tests/support/lane-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          // Three files at a time, one per lane; files of a lane run one after another, so a file's
          // relay and catalogue see only its lane's rows. Most of a file's time is waiting on the
          // server, the broker or a timer, so three lanes keep the machine's two cores busier than two
          // (2026-12-07, similar load on the same machine: 520 tests in 142 s with three, ~500 in 302 s with two).
          maxWorkers: Number(process.env.TEST_LANES || 3),
          // …in one process per lane: a fresh one per file would load Prisma, BullMQ and the rest again
          // each time (about half a second a file). Every file makes its own users, events, vhost and
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
          setupFiles: ['tests/support/lane-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          // HAProxy in front of 3 web instances and 2 copies of every worker, through PgBouncer
          // (tests/support/cluster.ts). `npm run test:cluster`; CI runs it after the fault tests.
          name: 'cluster',
          include: ['tests/cluster/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/cluster-setup.ts'],
          // The run-wide shared lock: files that stop the shared RabbitMQ wait for the cluster to finish.
          setupFiles: ['tests/support/lane-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
