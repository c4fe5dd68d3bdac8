/**
 * The OpenAPI side of the HTTP fuzzer (test/fuzz.e2e-spec.ts): which operations write, what their request
 * bodies look like ($refs resolved into components) and a plain seed body built from a schema.
 */

export interface OpenApiSchema {
  $ref?: string;
  type?: string;
  format?: string;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  items?: OpenApiSchema;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  nullable?: boolean;
  minimum?: number;
  allOf?: OpenApiSchema[];
  oneOf?: OpenApiSchema[];
  anyOf?: OpenApiSchema[];
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: OpenApiSchema;
}

export interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: OpenApiSchema }> };
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, OpenApiSchema> };
}

export interface WriteOperation {
  /** `POST /applications/{id}/events`: the key targets and the coverage check use. */
  key: string;
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  pathParams: string[];
  /** Lower-cased names of declared header parameters (e.g. `if-match`). */
  headerParams: string[];
  bodySchema: OpenApiSchema | undefined;
}

const WRITE_METHODS = ['post', 'patch', 'put', 'delete'] as const;

/** Every write operation in the document, except the excluded keys (e.g. `POST /auth/login`). */
export function writeOperations(doc: OpenApiDocument, exclude: readonly string[]): WriteOperation[] {
  const ops: WriteOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of WRITE_METHODS) {
      const op = item[method];
      if (!op) continue;
      const key = `${method.toUpperCase()} ${path}`;
      if (exclude.includes(key)) continue;
      const params = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      const media = content['application/json'] ?? Object.values(content)[0];
      ops.push({
        key,
        method: method.toUpperCase() as WriteOperation['method'],
        path,
        pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]),
        headerParams: params.filter((p) => p.in === 'header').map((p) => p.name.toLowerCase()),
        bodySchema: media?.schema,
      });
    }
  }
  return ops;
}

/** Follows `$ref`s into `components.schemas` and merges `allOf`; `oneOf`/`anyOf` take their first branch. */
export function resolveSchema(doc: OpenApiDocument, schema: OpenApiSchema | undefined, seen = 0): OpenApiSchema | undefined {
  if (!schema || seen > 32) return schema;
  if (schema.$ref) {
    const name = /^#\/components\/schemas\/(.+)$/.exec(schema.$ref)?.[1];
    const target = name ? doc.components?.schemas?.[decodeURIComponent(name)] : undefined;
    if (!target) throw new Error(`unresolvable $ref ${schema.$ref}`);
    return resolveSchema(doc, target, seen + 1);
  }
  if (schema.allOf?.length) {
    const parts = schema.allOf.map((s) => resolveSchema(doc, s, seen + 1) ?? {});
    return parts.reduce<OpenApiSchema>(
      (acc, part) => ({
        ...acc,
        ...part,
        properties: { ...acc.properties, ...part.properties },
        required: [...(acc.required ?? []), ...(part.required ?? [])],
      }),
      { ...schema, allOf: undefined },
    );
  }
  const branch = schema.oneOf?.[0] ?? schema.anyOf?.[0];
  if (branch) return resolveSchema(doc, branch, seen + 1);
  return schema;
}

/** The schema of a child (an object property or an array item), resolved. */
export function childSchema(doc: OpenApiDocument, parent: OpenApiSchema | undefined, key: string | number): OpenApiSchema | undefined {
  const resolved = resolveSchema(doc, parent);
  if (!resolved) return undefined;
  if (typeof key === 'number') return resolveSchema(doc, resolved.items);
  return resolveSchema(doc, resolved.properties?.[key]);
}

/** A plausible body from a schema alone: examples, first enum values, every property (for new endpoints). */
export function seedFromSchema(doc: OpenApiDocument, schema: OpenApiSchema | undefined, depth = 0): unknown {
  const s = resolveSchema(doc, schema);
  if (!s || depth > 6) return null;
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (s.enum?.length) return s.enum[0];
  if (s.type === 'object' || s.properties) {
    const out: Record<string, unknown> = {};
    for (const [name, prop] of Object.entries(s.properties ?? {})) out[name] = seedFromSchema(doc, prop, depth + 1);
    return out;
  }
  switch (s.type) {
    case 'array':
      return [seedFromSchema(doc, s.items, depth + 1)];
    case 'string':
      if (s.format === 'date-time') return '2026-03-01T10:00:00+00:00';
      if (s.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      return 'fuzz';
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return false;
    default:
      return null;
  }
}
