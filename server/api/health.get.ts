// Liveness only: 200 while the process runs. Readiness (dependencies) is /api/ready.
export default defineEventHandler(() => ({ status: 'ok' }))
