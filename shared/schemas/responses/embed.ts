import { z } from 'zod'

/** GET and PUT /api/organiser/embed-origins. */
export const embedOriginsResponse = z.strictObject({
  origins: z.array(z.string().meta({ description: '`scheme://host[:port]`, as the browser sends it in `Origin`' })),
}).meta({ id: 'EmbedOrigins' })
