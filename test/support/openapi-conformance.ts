/**
 * Does an answer match what the served OpenAPI document says about it? The generated client trusts the
 * document, so every answer the generated-client walk receives is held to it (docs/architecture.md §8):
 * the status is declared for the operation, the content type is the declared one, each declared
 * required header is there, no versioning header comes undeclared, and the body validates against the
 * schema — with no member the schema does not declare, so a field added to a mapper without its
 * response class fails here.
 *
 * Covers the OpenAPI 3.0 the service emits: `$ref`, `allOf`, `oneOf`, `nullable`, `type`, `enum`,
 * `required`, `properties`, `items`, `format` (`date-time`, `uuid`), `minimum`, `maximum`.
 */
import type { OpenApiSchema } from './fuzz-openapi';

export interface ConformanceSchema extends OpenApiSchema {
  maximum?: number;
  description?: string;
}

export interface DocumentedResponse {
  description?: string;
  headers?: Record<string, { required?: boolean }>;
  content?: Record<string, { schema?: ConformanceSchema }>;
}

export interface ConformanceDocument {
  paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, DocumentedResponse> }>>;
  components?: { schemas?: Record<string, ConformanceSchema> };
}

/** One answer, as the client saw it. */
export interface Exchange {
  method: string;
  /** The path template of the operation (`/applications/{id}`). */
  path: string;
  status: number;
  headers: Headers;
  /** The parsed JSON body, or undefined for a body that is not JSON. */
  body: unknown;
}

/** Headers this service sends only on some answers: one that arrives must be declared on that answer. */
const DECLARED_WHEN_SENT = ['etag', 'idempotent-replayed'];

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Everything wrong with `exchange` against `doc`; empty when it conforms. */
export function conformanceIssues(doc: ConformanceDocument, exchange: Exchange): string[] {
  const where = `${exchange.method} ${exchange.path} → ${exchange.status}`;
  const operation = doc.paths[exchange.path]?.[exchange.method.toLowerCase()];
  if (!operation) return [`${where}: no such operation in the document`];
  const documented = operation.responses?.[String(exchange.status)];
  if (!documented) return [`${where}: status not documented (documented: ${Object.keys(operation.responses ?? {}).join(', ')})`];
  const issues: string[] = [];
  const declared = Object.keys(documented.headers ?? {}).map((h) => h.toLowerCase());
  for (const [name, header] of Object.entries(documented.headers ?? {})) {
    if (header.required && !exchange.headers.has(name)) issues.push(`${where}: required header ${name} missing`);
  }
  for (const name of DECLARED_WHEN_SENT) {
    if (exchange.headers.has(name) && !declared.includes(name)) issues.push(`${where}: header ${name} sent but not documented`);
  }
  const contentType = (exchange.headers.get('content-type') ?? '').split(';')[0].trim();
  // A 204 documented with no content conforms by having none (RFC 9110 §15.3.5).
  if (exchange.status === 204 && documented.content === undefined) {
    if (contentType !== '') issues.push(`${where}: a 204 answer with content type ${contentType}`);
    return issues;
  }
  const media = documented.content?.[contentType];
  if (!media) {
    issues.push(`${where}: content type ${contentType || '(none)'} not documented (documented: ${Object.keys(documented.content ?? {}).join(', ')})`);
    return issues;
  }
  if (exchange.body !== undefined) issues.push(...valueIssues(doc, media.schema, exchange.body, where));
  return issues;
}

function resolve(doc: ConformanceDocument, schema: ConformanceSchema): ConformanceSchema {
  let current = schema;
  for (let hops = 0; current.$ref; hops += 1) {
    const name = /^#\/components\/schemas\/(.+)$/.exec(current.$ref)?.[1];
    const target = name ? doc.components?.schemas?.[decodeURIComponent(name)] : undefined;
    if (!target || hops > 32) throw new Error(`unresolvable $ref ${current.$ref}`);
    current = target;
  }
  return current;
}

/** A schema with its `allOf` folded in: the members, the required list and the keywords of every part. */
function flatten(doc: ConformanceDocument, schema: ConformanceSchema): ConformanceSchema {
  const own = resolve(doc, schema);
  if (!own.allOf?.length) return own;
  return own.allOf
    .map((part) => flatten(doc, part))
    .reduce<ConformanceSchema>(
      (acc, part) => ({
        ...part,
        ...acc,
        properties: { ...part.properties, ...acc.properties },
        required: [...(acc.required ?? []), ...(part.required ?? [])],
      }),
      { ...own, allOf: undefined },
    );
}

function valueIssues(doc: ConformanceDocument, given: ConformanceSchema | undefined, value: unknown, at: string): string[] {
  if (!given) return [];
  const schema = flatten(doc, given);
  if (value === null) {
    // OpenAPI 3.0: `nullable` widens the type, but an enum lists every allowed value, null included.
    const allowed = schema.nullable === true && (schema.enum === undefined || schema.enum.includes(null));
    return allowed ? [] : [`${at}: null where the document does not allow it`];
  }
  if (schema.oneOf?.length) {
    const matching = schema.oneOf.filter((branch) => valueIssues(doc, branch, value, at).length === 0);
    return matching.length === 1 ? [] : [`${at}: matches ${matching.length} of the ${schema.oneOf.length} oneOf branches`];
  }
  if (schema.enum && !schema.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`];
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') return [`${at}: expected a string, got ${JSON.stringify(value)}`];
      if (schema.format === 'date-time' && !DATE_TIME.test(value)) return [`${at}: ${value} is not a date-time`];
      if (schema.format === 'uuid' && !UUID.test(value)) return [`${at}: ${value} is not a uuid`];
      return [];
    case 'integer':
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value) || (schema.type === 'integer' && !Number.isInteger(value))) {
        return [`${at}: expected ${schema.type}, got ${JSON.stringify(value)}`];
      }
      if (schema.minimum !== undefined && value < schema.minimum) return [`${at}: ${value} is below ${schema.minimum}`];
      if (schema.maximum !== undefined && value > schema.maximum) return [`${at}: ${value} is above ${schema.maximum}`];
      return [];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at}: expected a boolean, got ${JSON.stringify(value)}`];
    case 'array':
      if (!Array.isArray(value)) return [`${at}: expected an array, got ${JSON.stringify(value)}`];
      return value.flatMap((item, index) => valueIssues(doc, schema.items, item, `${at}[${index}]`));
    default:
      return objectIssues(doc, schema, value, at);
  }
}

function objectIssues(doc: ConformanceDocument, schema: ConformanceSchema, value: unknown, at: string): string[] {
  if (schema.type !== 'object' && !schema.properties) return [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${at}: expected an object, got ${JSON.stringify(value)}`];
  const record = value as Record<string, unknown>;
  const properties = schema.properties ?? {};
  const issues = (schema.required ?? []).filter((name) => !(name in record)).map((name) => `${at}.${name}: required member missing`);
  // A schema that names its members names all of them; one with none is free-form JSON (RecordedJson).
  const closed = Object.keys(properties).length > 0;
  for (const [name, member] of Object.entries(record)) {
    const property = properties[name];
    if (property) issues.push(...valueIssues(doc, property, member, `${at}.${name}`));
    else if (closed) issues.push(`${at}.${name}: member not in the document`);
  }
  return issues;
}
