// zod 4 probes for `new Function` (its JIT) when the first object schema is built; under the
// Content-Security-Policy (no 'unsafe-eval') that probe is a reported violation. In the browser the
// JIT is switched off while this module is evaluated — before any page, store or component module
// builds a schema (this plugin is the first one imported; the page chunks load later).
// Not through `z.config()`: importing zod here put ~15 KB gzip of it in the entry chunk of every
// page, while only the pages with forms use it. zod keeps its config on this global, created by the
// first zod module to load (`globalThis.__zod_globalConfig ??= {}` in zod/v4/core/core.js), so
// setting it first is what `z.config({ jitless: true })` would do. The CSP e2e spec (sign-in and
// booking pages without a violation) fails if this stops working.
const zodGlobal = globalThis as { __zod_globalConfig?: { jitless?: boolean } }
// Mutated, not replaced: a zod module already loaded keeps a reference to this very object.
zodGlobal.__zod_globalConfig ??= {}
zodGlobal.__zod_globalConfig.jitless = true

export default defineNuxtPlugin({ name: 'zod-jitless', setup() {} })
