// Loaded before the app with `node --import` (NODE_OPTIONS in the image; scripts/start.ts; bundled to
// dist/tracing/register.mjs by scripts/build-workers.ts). With OTEL_EXPORTER_OTLP_ENDPOINT unset it does
// nothing else: no SDK module is loaded, no loader hook is registered, and the app's tracing calls stay
// the API's no-ops. It runs before the app, so it reads process.env itself, not server/config/env.ts.
import { startTracing, tracingSettings } from './start-tracing.ts'

const settings = tracingSettings(process.env, process.argv[1])
if (settings) await startTracing(settings)
