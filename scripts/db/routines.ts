// SQL functions whose one source is a file beside the domain that relies on them, not a migration.
// Prisma's schema diff does not see functions, so `npm run db:migration` asks this module whether a
// migrated database still runs the file's version, and writes the file into the new migration when
// it does not. The migrations test asks the same question of the test database.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type pg from 'pg'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

interface Routine {
  /** The function's name, in the public schema. */
  name: string
  /** The file, relative to the repository: one `CREATE OR REPLACE FUNCTION`, with comments. */
  file: string
}

export const ROUTINES: readonly Routine[] = [
  { name: 'bookify_quota_rebalance', file: 'server/domain/holds/quota-rebalance.sql' },
  { name: 'bookify_code_use_rebalance', file: 'server/domain/holds/code-use-rebalance.sql' },
  { name: 'bookify_claim_hold', file: 'server/domain/holds/claim-hold.sql' },
]

export function routineSql(routine: Routine): string {
  return readFileSync(join(ROOT, routine.file), 'utf8')
}

interface RoutineState {
  routine: Routine
  /** pg_get_functiondef of the installed function (schema stripped), or null when there is none. */
  installed: string | null
  /** Its identity arguments, to drop it by when its result type changes. */
  installedArgs: string | null
  /** pg_get_functiondef of the function the file creates (schema stripped). */
  wanted: string
}

const CHECK_SCHEMA = 'bookify_routine_check'

/** PostgreSQL's own rendering, so whitespace in the header or a schema prefix never counts as a change. */
async function definition(client: pg.ClientBase, schema: string, name: string): Promise<{ def: string, args: string } | null> {
  const { rows } = await client.query<{ def: string, args: string }>(
    `SELECT pg_get_functiondef(p.oid) AS def, pg_get_function_identity_arguments(p.oid) AS args
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = $1 AND p.proname = $2`, [schema, name])
  if (rows.length > 1) throw new Error(`${schema}.${name} is overloaded; drop the old signature`)
  const row = rows[0]
  return row ? { def: row.def.replace(`FUNCTION ${schema}.${name}(`, `FUNCTION ${name}(`), args: row.args } : null
}

/** Compares each routine in the connected database with its file, which is created in a rolled-back scratch schema. */
export async function routineStates(client: pg.ClientBase): Promise<RoutineState[]> {
  const states: RoutineState[] = []
  for (const routine of ROUTINES) {
    const installed = await definition(client, 'public', routine.name)
    await client.query('BEGIN')
    try {
      await client.query(`CREATE SCHEMA ${CHECK_SCHEMA}`)
      await client.query(`SET LOCAL search_path TO ${CHECK_SCHEMA}`)
      await client.query(routineSql(routine))
      const wanted = await definition(client, CHECK_SCHEMA, routine.name)
      if (!wanted) throw new Error(`${routine.file} does not create ${routine.name}`)
      states.push({ routine, installed: installed?.def ?? null, installedArgs: installed?.args ?? null, wanted: wanted.def })
    } finally {
      await client.query('ROLLBACK')
    }
  }
  return states
}

/** SQL for a migration that brings each drifted routine to its file's version; '' when none drifted. */
export function routineMigrationSql(states: RoutineState[]): string {
  return states.filter(s => s.installed !== s.wanted).map((s) => {
    // CREATE OR REPLACE cannot change a function's result type; dropping first always works.
    const drop = s.installedArgs !== null ? `DROP FUNCTION IF EXISTS ${s.routine.name}(${s.installedArgs});\n\n` : ''
    return `-- ${s.routine.name}, from ${s.routine.file}\n${drop}${routineSql(s.routine).trim()}\n`
  }).join('\n')
}
