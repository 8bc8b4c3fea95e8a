// One JSON line per problem, in the shape the web process's error handler logs.
export function logSearchProblem(msg: string, error?: unknown): void {
  console.error(JSON.stringify({ level: 'warn', msg: `search index: ${msg}`, ...(error === undefined ? {} : { error: String((error as Error)?.message ?? error) }) }))
}
