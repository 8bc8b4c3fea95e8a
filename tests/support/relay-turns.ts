// Setup file of the parallel integration project. Integration files run side by side, but the outbox
// is one table in the run's one database and a relay publishes every unpublished row into its own
// vhost: two files with relays at once would take each other's rows. So the first relay a file starts
// takes the run's relay turn (startWorker waits for it), and the file gives it back when it ends —
// also stopping any worker it left running, so nothing of it outlives its turn.
import { afterAll } from 'vitest'
import { endRelayTurn } from './workers.ts'

afterAll(endRelayTurn)
