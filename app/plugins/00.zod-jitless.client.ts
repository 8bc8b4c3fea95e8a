// zod 4 probes for `new Function` (its JIT) when the first object schema is built; under the
// Content-Security-Policy (no 'unsafe-eval') that probe is a reported violation. In the browser the
// JIT is switched off while this module is evaluated — before any page, store or component module
// builds a schema (this plugin is the first one imported; the page chunks load later).
import { z } from 'zod'

z.config({ jitless: true })

export default defineNuxtPlugin({ name: 'zod-jitless', setup() {} })
