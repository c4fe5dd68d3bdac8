/**
 * Mutation arbitraries of the HTTP fuzzer (test/fuzz.e2e-spec.ts): a seed body is cloned and changed by a
 * few operations (drop, wrong type, huge, deep, unknown and prototype keys, malformed dates, invalid
 * identifiers, duplicates, big arrays), serialised by hand so that `-0`, `1e400`, lone surrogates, own
 * `__proto__` keys and 20 000-level nesting reach the server exactly as written.
 */
import fc from 'fast-check';
import { childSchema, type OpenApiDocument, type OpenApiSchema } from './fuzz-openapi';

/** JSON text emitted verbatim by {@link toJsonText}. */
export class RawJson {
  constructor(readonly text: string) {}
}

const raw = (text: string) => new RawJson(text);

/** The marker a prototype-pollution payload tries to plant on `Object.prototype`. */
export const POLLUTION_MARKER = 'fuzzPolluted';

/** Serialises a tree that may hold {@link RawJson} and own `__proto__` keys. */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => toJsonText(v)).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const parts = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${toJsonText(obj[k])}`);
    return `{${parts.join(',')}}`;
  }
  return 'null';
}

/** A deep copy that keeps {@link RawJson} leaves and own `__proto__` keys (generated values are shared). */
export function cloneTree(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || value instanceof RawJson) return value;
  if (Array.isArray(value)) return value.map(cloneTree);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) put(out, key, cloneTree((value as Record<string, unknown>)[key]));
  return out;
}

/** Sets an own property even when the key is `__proto__`. */
export function put(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function pollutionPayload(key: string): unknown {
  const marker: Record<string, unknown> = {};
  put(marker, POLLUTION_MARKER, true);
  if (key === 'constructor') return { prototype: marker };
  return marker;
}

// ---------------------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------------------

const EXTREME_NUMBERS: unknown[] = [
  1e308,
  -1e308,
  -0,
  raw('9007199254740993'), // 2**53 + 1, not representable
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
  2 ** 31,
  2 ** 32,
  -1,
  0,
  1.5,
  5e-324,
  raw('1e400'), // parses to Infinity
  raw('-1e400'),
  raw('1E+2'),
  raw('0.0000000000000000000000000001'),
];

const NASTY_STRINGS: unknown[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '🚓👮🏽‍♀️🇬🇧',
  '\u202Egnp.exe',
  'مرحبا بالعالم',
  'שלום עולם',
  '\u200B\u200C\u200D',
  '\uFEFF',
  'e\u0301\u0301\u0301',
  'Z̸̡̛͓a̵l̶g̷o̸',
  "'; DROP TABLE application; --",
  '<script>alert(1)</script>',
  '${jndi:ldap://x/a}',
  '%s%s%n%x',
  '../../../etc/passwd', // stands-alone: sample (an attack, not a path we read)
  'null',
  'undefined',
  'true',
  '1',
  'NaN',
  'Infinity',
  '__proto__',
  '\\',
  '"',
  '\r\n\t',
  raw('"\\ud800"'), // lone surrogate
  raw('"\\udfff\\ud800"'),
];

export const MALFORMED_DATES: unknown[] = [
  '2026-02-30T00:00:00Z',
  '2026-02-29T00:00:00Z',
  '2026-03-01T10:00:00',
  '2026-03-01',
  '2026-03-01T24:00:00Z',
  '2026-03-01T23:59:60Z',
  '2026-03-01T10:00:00+25:00',
  '2026-03-01T10:00:00+14:01',
  '2026-03-01T10:00:00-00:00',
  '2026-03-01T10:00:00+01:60',
  '2026-03-01T10:00:00.1234Z',
  '2026-03-01T10:00:00.Z',
  '2026-3-1T10:00:00Z',
  '+275760-09-13T00:00:00Z',
  '9999-12-31T23:59:59-12:00',
  '9999-12-31T23:59:59.999+14:00',
  '0000-01-01T00:00:00+14:00',
  '1970-01-01T00:00:00Z',
  '2026-03-01T10:00:00 +01:00',
  '2026-03-01 10:00:00Z',
  'Sun, 01 Mar 2026 10:00:00 GMT',
  '1740823200',
  'T',
  'Z',
  'now',
  '2026-03-01T10:00:00+0100',
  '２０２６-03-01T10:00:00Z',
  '2026-03-01T10:00:00Z\n',
  ' 2026-03-01T10:00:00Z ',
  '2026-02-28T00:00:00+00:00',
  '2026-03-01T00:00:00+00:00',
  1740823200000,
];

export const INVALID_IDENTIFIERS: unknown[] = [
  '',
  ' ',
  '07700 900123',
  '07911 12345',
  '+44',
  '+999 123',
  '0791112345a',
  '+44 (0) 7911 123456',
  '++447911123456',
  '490154203237519',
  '12345678901234',
  '999.1.1.1',
  '1.2.3',
  '::g',
  '[::1]:99999',
  '1.2.3.4:0',
  '1.2.3.4:65536',
  'a@',
  '@b',
  'a@b',
  'x'.repeat(257),
  '\u0000',
  '٠٧٩١١١٢٣٤٥٦',
  '07911\u0000123456',
  '🚓',
  12345,
];

const UNKNOWN_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '',
  ' ',
  'id',
  'status',
  'version',
  'urn',
  'applicantId',
  'authorityId',
  'renewalOf',
  'normalisedValue',
  'accreditationId',
  '$where',
  'a.b',
  '🚓',
] as const;

const printable = fc.constantFrom(...'abcXYZ019 -_.:;,/\\"\'!@#$%^&*()[]{}<>?=+~`|'.split(''));

/** A string safe to put in an HTTP header (Node refuses control characters). */
export const headerGarbage = fc.string({ unit: printable, maxLength: 40 });

const anyString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
);

/** A value of any JSON type, mostly unfriendly. */
export const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...EXTREME_NUMBERS) },
  { weight: 5, arbitrary: anyString },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>([], {}, [null], [[]], { '': '' }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_DATES) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

// ---------------------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------------------

export type TypeName = 'number' | 'string' | 'boolean' | 'null' | 'array' | 'object';

export type MutationOp =
  | { kind: 'drop'; at: number }
  | { kind: 'set'; at: number; value: unknown }
  | { kind: 'swapType'; at: number; to: TypeName }
  | { kind: 'addKnown'; at: number; key: number; value: unknown; validish: boolean }
  | { kind: 'addUnknown'; at: number; key: string; value: unknown }
  | { kind: 'duplicate'; at: number; times: number }
  | { kind: 'date'; at: number; value: unknown }
  | { kind: 'identifier'; at: number; value: unknown; retype: number | null }
  | { kind: 'bigArray'; at: number; length: number; item: unknown }
  | { kind: 'deep'; at: number; depth: number; shape: 'object' | 'array' }
  | { kind: 'huge'; at: number; length: number; char: string };

const at = fc.nat();

export const mutationOp: fc.Arbitrary<MutationOp> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('drop' as const), at }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('set' as const), at, value: weirdValue }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('swapType' as const),
      at,
      to: fc.constantFrom<TypeName>('number', 'string', 'boolean', 'null', 'array', 'object'),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('addKnown' as const), at, key: fc.nat(), value: weirdValue, validish: fc.boolean() }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('addUnknown' as const),
      at,
      key: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...UNKNOWN_KEYS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }),
      value: weirdValue,
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at, times: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('date' as const), at, value: fc.constantFrom(...MALFORMED_DATES) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('identifier' as const),
      at,
      value: fc.constantFrom(...INVALID_IDENTIFIERS),
      retype: fc.option(fc.nat(), { nil: null }),
    }),
  },
  // Big payloads: a minority, bounded for time.
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('bigArray' as const),
      at,
      length: fc.oneof(fc.integer({ min: 51, max: 1_000 }), fc.constant(10_000)),
      item: fc.constantFrom<unknown>(0, 'x', {}, null, [], true),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('deep' as const),
      at,
      depth: fc.oneof(fc.integer({ min: 20, max: 2_000 }), fc.constant(19_000)),
      shape: fc.constantFrom<'object' | 'array'>('object', 'array'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('huge' as const),
      at,
      length: fc.oneof(fc.integer({ min: 501, max: 25_000 }), fc.integer({ min: 90_000, max: 110_000 })),
      char: fc.constantFrom('a', 'é', '🚓', '\u0000', ' ', '\u202E'),
    }),
  },
);

type Segment = string | number;

interface Slot {
  path: Segment[];
  schema: OpenApiSchema | undefined;
  value: unknown;
}

/** Every node of the tree (root first) with the schema it should follow. */
function slotsOf(doc: OpenApiDocument, root: unknown, rootSchema: OpenApiSchema | undefined): Slot[] {
  const out: Slot[] = [];
  const walk = (value: unknown, schema: OpenApiSchema | undefined, path: Segment[]) => {
    out.push({ path, schema, value });
    if (value instanceof RawJson || value === null || typeof value !== 'object' || path.length > 8) return;
    if (Array.isArray(value)) {
      value.slice(0, 20).forEach((v, i) => walk(v, childSchema(doc, schema, i), [...path, i]));
      return;
    }
    for (const key of Object.keys(value)) walk((value as Record<string, unknown>)[key], childSchema(doc, schema, key), [...path, key]);
  };
  walk(root, rootSchema, []);
  return out;
}

function parentOf(root: unknown, path: Segment[]): unknown {
  let node = root;
  for (const segment of path.slice(0, -1)) node = (node as Record<Segment, unknown>)[segment];
  return node;
}

/** Replaces the node at `path` (the root when empty); returns the new root. */
function replaceAt(root: unknown, path: Segment[], value: unknown): unknown {
  if (path.length === 0) return value;
  const parent = parentOf(root, path);
  const last = path[path.length - 1];
  if (Array.isArray(parent) && typeof last === 'number') parent[last] = value;
  else if (parent && typeof parent === 'object') put(parent as Record<string, unknown>, String(last), value);
  return root;
}

function removeAt(root: unknown, path: Segment[]): unknown {
  if (path.length === 0) return undefined;
  const parent = parentOf(root, path);
  const last = path[path.length - 1];
  if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
  else if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[String(last)];
  return root;
}

function swapType(value: unknown, to: TypeName): unknown {
  switch (to) {
    case 'number':
      return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : typeof value === 'boolean' ? Number(value) : 1;
    case 'string':
      // A string holding the JSON text of what was there: "1", "true", "{\"a\":1}".
      return value instanceof RawJson ? value.text : typeof value === 'string' ? value : toJsonText(value);
    case 'boolean':
      return Boolean(value);
    case 'null':
      return null;
    case 'array':
      return [value];
    case 'object':
      return { value };
  }
}

/** A valid-looking value for a schema (an enum member, an example, the right primitive). */
function validishFor(doc: OpenApiDocument, schema: OpenApiSchema | undefined, salt: number): unknown {
  if (!schema) return 'fuzz';
  if (schema.enum?.length) return schema.enum[salt % schema.enum.length];
  if (schema.example !== undefined) return schema.example;
  switch (schema.type) {
    case 'string':
      return ['fuzz', '2026-03-01T10:00:00+00:00', '00000000-0000-4000-8000-000000000000'][salt % 3];
    case 'integer':
    case 'number':
      return salt % 1000;
    case 'boolean':
      return salt % 2 === 0;
    case 'array':
      return [validishFor(doc, childSchema(doc, schema, 0), salt)];
    default:
      return {};
  }
}

const DATE_KEY = /(At|Date|Start|End|From|To)$|^(at|date)$/;

function pickSlot(slots: Slot[], index: number, prefer?: (slot: Slot) => boolean): Slot {
  const preferred = prefer ? slots.filter(prefer) : [];
  const pool = preferred.length > 0 ? preferred : slots;
  return pool[index % pool.length];
}

/** Applies the operations, in order, to a copy of the seed. `undefined` means "no body at all". */
export function applyMutations(doc: OpenApiDocument, seed: unknown, schema: OpenApiSchema | undefined, ops: readonly MutationOp[]): unknown {
  let root: unknown = cloneTree(seed);
  for (const original of ops) {
    const op = cloneTree(original) as MutationOp;
    const slots = slotsOf(doc, root, schema);
    const lastKey = (s: Slot) => s.path[s.path.length - 1];
    switch (op.kind) {
      case 'drop': {
        const slot = pickSlot(slots, op.at, (s) => s.path.length > 0);
        root = removeAt(root, slot.path);
        break;
      }
      case 'set':
        root = replaceAt(root, pickSlot(slots, op.at).path, op.value);
        break;
      case 'swapType': {
        const slot = pickSlot(slots, op.at, (s) => s.path.length > 0);
        root = replaceAt(root, slot.path, swapType(slot.value, op.to));
        break;
      }
      case 'addKnown': {
        const slot = pickSlot(slots, op.at, (s) => typeof s.value === 'object' && s.value !== null && !Array.isArray(s.value) && !(s.value instanceof RawJson));
        const props = Object.keys(slot.schema?.properties ?? {});
        if (props.length === 0 || typeof slot.value !== 'object' || slot.value === null || Array.isArray(slot.value)) break;
        const key = props[op.key % props.length];
        put(slot.value as Record<string, unknown>, key, op.validish ? validishFor(doc, childSchema(doc, slot.schema, key), op.key) : op.value);
        break;
      }
      case 'addUnknown': {
        const slot = pickSlot(slots, op.at, (s) => typeof s.value === 'object' && s.value !== null && !Array.isArray(s.value) && !(s.value instanceof RawJson));
        if (typeof slot.value !== 'object' || slot.value === null || Array.isArray(slot.value) || slot.value instanceof RawJson) break;
        const isProtoKey = op.key === '__proto__' || op.key === 'constructor' || op.key === 'prototype';
        put(slot.value as Record<string, unknown>, op.key, isProtoKey ? pollutionPayload(op.key) : op.value);
        break;
      }
      case 'duplicate': {
        const slot = pickSlot(slots, op.at, (s) => Array.isArray(s.value) && s.value.length > 0);
        if (!Array.isArray(slot.value) || slot.value.length === 0) break;
        for (let i = 0; i < op.times; i++) slot.value.push(cloneTree(slot.value[0]));
        break;
      }
      case 'date': {
        const slot = pickSlot(slots, op.at, (s) => typeof lastKey(s) === 'string' && DATE_KEY.test(String(lastKey(s))));
        root = replaceAt(root, slot.path, op.value);
        break;
      }
      case 'identifier': {
        const slot = pickSlot(slots, op.at, (s) => s.path.includes('identifiers') && (lastKey(s) === 'value' || lastKey(s) === 'type'));
        const parent = slot.path.length > 0 ? parentOf(root, slot.path) : undefined;
        if (op.retype !== null && parent && typeof parent === 'object' && !Array.isArray(parent)) {
          const parentSlot = slots.find((s) => s.value === parent);
          const types = childSchema(doc, parentSlot?.schema, 'type')?.enum ?? [];
          if (types.length > 0) put(parent as Record<string, unknown>, 'type', types[op.retype % types.length]);
        }
        if (lastKey(slot) !== 'type') root = replaceAt(root, slot.path, op.value);
        break;
      }
      case 'bigArray': {
        const slot = pickSlot(slots, op.at, (s) => Array.isArray(s.value) || s.schema?.type === 'array');
        root = replaceAt(root, slot.path, new RawJson(`[${Array.from({ length: op.length }, () => toJsonText(op.item)).join(',')}]`));
        break;
      }
      case 'deep': {
        const slot = pickSlot(slots, op.at);
        const text = op.shape === 'object' ? '{"a":'.repeat(op.depth) + '1' + '}'.repeat(op.depth) : '['.repeat(op.depth) + ']'.repeat(op.depth);
        root = replaceAt(root, slot.path, new RawJson(text));
        break;
      }
      case 'huge': {
        const slot = pickSlot(slots, op.at, (s) => typeof s.value === 'string');
        root = replaceAt(root, slot.path, op.char.repeat(Math.ceil(op.length / op.char.length)));
        break;
      }
    }
  }
  return root;
}

/** Bodies that are not the JSON the route expects, or not JSON at all. */
export const rawBody: fc.Arbitrary<string | Buffer> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom<string>(
      '',
      '{',
      '{"type":',
      'not json',
      'null',
      '42',
      '"str"',
      'true',
      '[]',
      '[{}]',
      '[1,2,3]',
      '\uFEFF{}',
      '{"a":1,}',
      "{'a':1}",
      '{"a":NaN}',
      '{"a":Infinity}',
      '{"a":undefined}',
      '{"a":1}{"b":2}',
      '<xml/>',
      'a=1&b=2',
      '\u0000',
      '{"__proto__":{"fuzzPolluted":true}}',
      '{"constructor":{"prototype":{"fuzzPolluted":true}}}',
      '{"type":"SUBMIT_TO_SPOC","type":"GRANT"}',
      '{"operationName":"a","operationName":{"x":1}}',
      '{"\\ud800":1}',
      '{"a":"\\u0000"}',
      ' '.repeat(1_000),
    ),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)) },
  { weight: 1, arbitrary: fc.constant(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d])) },
);
