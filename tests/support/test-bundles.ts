// Where each integration run's worker bundles go (global-setup.ts builds them, workers.ts runs them).
/** Directly under the project root, as dist/ is: bundles find the migrations folder from their own place. */
export const TEST_BUNDLES = '.test-bundles'
/** Test-only worker scripts bundled beside the real workers (two folders deep, like their sources). */
export const TEST_WORKER_ENTRIES = [{ in: 'tests/support/test-consumer-worker.ts', out: 'support/test-consumer-worker' }]
