// Just enough of an OpenAPI 3.1 document's shape for the reference page (/developers) to render it.

export interface OpenApiSchema {
  $ref?: string
  type?: string | string[]
  format?: string
  description?: string
  enum?: unknown[]
  const?: unknown
  properties?: Record<string, OpenApiSchema>
  required?: string[]
  items?: OpenApiSchema
  anyOf?: OpenApiSchema[]
  oneOf?: OpenApiSchema[]
  allOf?: OpenApiSchema[]
  additionalProperties?: boolean | OpenApiSchema
  minimum?: number
  maximum?: number
  minLength?: number
  maxLength?: number
  default?: unknown
}

export interface OpenApiParameter {
  name: string
  in: string
  required?: boolean
  description?: string
  schema?: OpenApiSchema
}

export interface OpenApiResponse {
  description: string
  content?: Record<string, { schema?: OpenApiSchema }>
}

export interface OpenApiOperation {
  operationId: string
  summary?: string
  tags?: string[]
  security?: Record<string, string[]>[]
  parameters?: OpenApiParameter[]
  requestBody?: { content: Record<string, { schema?: OpenApiSchema }> }
  responses: Record<string, OpenApiResponse>
}

export interface OpenApiDocument {
  openapi: string
  info: { title: string, version: string, description?: string }
  tags?: { name: string }[]
  paths: Record<string, Record<string, OpenApiOperation>>
  components?: { schemas?: Record<string, OpenApiSchema> }
}

export interface ReferenceOperation extends OpenApiOperation {
  method: string
  path: string
}

/** The document's operations grouped by their first tag, in the document's tag order. */
export function operationsByTag(doc: OpenApiDocument): { tag: string, operations: ReferenceOperation[] }[] {
  const groups = new Map<string, ReferenceOperation[]>((doc.tags ?? []).map(t => [t.name, []]))
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const tag = op.tags?.[0] ?? 'Other'
      if (!groups.has(tag)) groups.set(tag, [])
      groups.get(tag)!.push({ ...op, method: method.toUpperCase(), path })
    }
  }
  return [...groups].filter(([, ops]) => ops.length > 0).map(([tag, operations]) => ({ tag, operations }))
}

/** `#/components/schemas/Money` → the schema and its name. */
export function resolveSchema(doc: OpenApiDocument, schema: OpenApiSchema): { name?: string, schema: OpenApiSchema } {
  if (!schema.$ref) return { schema }
  const name = schema.$ref.split('/').at(-1)!
  return { name, schema: doc.components?.schemas?.[name] ?? {} }
}

/** A one-line type: `string (uuid)`, `integer`, `"NONE" | "UNTIL_HOURS_BEFORE"`, `Money | null`. */
export function typeLabel(doc: OpenApiDocument, schema: OpenApiSchema): string {
  if (schema.$ref) return resolveSchema(doc, schema).name ?? 'object'
  if (schema.enum) return schema.enum.map(v => JSON.stringify(v)).join(' | ')
  if (schema.const !== undefined) return JSON.stringify(schema.const)
  const alternatives = schema.anyOf ?? schema.oneOf
  if (alternatives) return alternatives.map(s => typeLabel(doc, s)).join(' | ')
  if (schema.type === 'array') return `array of ${schema.items ? typeLabel(doc, schema.items) : 'anything'}`
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : schema.type ?? 'any'
  return schema.format ? `${type} (${schema.format})` : type
}

/** Who may call an operation, from its security requirements. */
export function accessLabel(op: OpenApiOperation): string {
  const security = op.security ?? []
  const anonymous = security.some(s => Object.keys(s).length === 0)
  const signedIn = security.some(s => 'bearerAuth' in s || 'cookieAuth' in s)
  const scope = security.find(s => 'apiKey' in s)?.apiKey?.[0]
  const who = anonymous ? (signedIn ? 'Anyone (more when signed in)' : 'Anyone') : signedIn ? 'Signed in' : 'Special'
  return scope ? `${who} · API key scope ${scope}` : who
}
