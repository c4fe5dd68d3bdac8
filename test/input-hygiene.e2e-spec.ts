import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { countRows, rowDiff } from './support/fuzz-http';
import { seedFromSchema, writeOperations, type OpenApiDocument, type WriteOperation } from './support/fuzz-openapi';
import { callerForOperation, routePolicies } from './support/route-policies';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

/**
 * Acceptance (issue 18 point 4; docs/security.md "Input, headers and limits"): a NUL character or an unpaired
 * UTF-16 surrogate in any string of a JSON body — a value or a key, at any depth — or in a decoded query
 * parameter is answered 400 `INPUT_CHARACTERS_INVALID` naming the field, on every POST, PATCH and PUT route of
 * the served OpenAPI document, for a caller whose role may call the route, before validation and before
 * anything is written. On PostgreSQL a NUL used to reach the driver and end as a 500. Both drivers.
 */

const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT']);

type Segment = string | number;

/** The path as the service names a field (`form.subjects[0].name`, `["odd key"]`). */
function fieldPath(path: readonly Segment[]): string {
  return path
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s) ? (i === 0 ? s : `.${s}`) : `[${JSON.stringify(s)}]`))
    .join('');
}

/** The deepest string in a seed body (the first of them), so the field named is a nested one where there is one. */
function deepestString(value: unknown, path: Segment[] = []): Segment[] | null {
  if (typeof value === 'string') return path;
  if (value === null || typeof value !== 'object') return null;
  let best: Segment[] | null = null;
  const entries: [Segment, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  for (const [key, child] of entries) {
    const found = deepestString(child, [...path, key]);
    if (found && (!best || found.length > best.length)) best = found;
  }
  return best;
}

const MARKER = 'INPUT-HYGIENE-MARKER';

/**
 * The operation's plausible body with one string replaced by `escaped` (a JSON escape: `\u0000`, `\ud800`),
 * written as raw JSON text so that the lone surrogate arrives exactly as an attacker would send it; a body
 * without strings gets a top-level `note`.
 */
function bodyWith(doc: OpenApiDocument, op: WriteOperation, escaped: string): { text: string; field: string } {
  const seeded = seedFromSchema(doc, op.bodySchema);
  const body: Record<string, unknown> = seeded !== null && typeof seeded === 'object' && !Array.isArray(seeded) ? (seeded as Record<string, unknown>) : {};
  let path = deepestString(body);
  if (!path || path.length === 0) {
    body.note = MARKER;
    path = ['note'];
  } else {
    let parent = body as Record<Segment, unknown>;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<Segment, unknown>;
    parent[path[path.length - 1]] = MARKER;
  }
  const text = JSON.stringify(body).replace(`"${MARKER}"`, `"before${escaped}after"`);
  return { text, field: fieldPath(path) };
}

interface Problem {
  code: string;
  status: number;
  detail: string;
  errors?: { field: string; code: string; message: string }[];
}

function outcome(res: Response): { status: number; type: string; code: string; fields: string[]; kinds: string[] } {
  const body = res.body as Problem;
  return {
    status: res.status,
    type: String(res.headers['content-type'] ?? '').split(';')[0],
    code: body?.code,
    fields: (body?.errors ?? []).map((e) => e.field),
    kinds: (body?.errors ?? []).map((e) => e.code),
  };
}

describe(`input hygiene: NUL characters and unpaired surrogates (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let ops: (WriteOperation & { caller: string | null })[];

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.http().get('/docs-json').expect(200)).body as OpenApiDocument;
    const policies = routePolicies(t);
    ops = writeOperations(doc, [])
      .filter((op) => WRITE_METHODS.has(op.method))
      .map((op) => ({ ...op, caller: callerForOperation(policies, op.key) }));
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  async function send(op: WriteOperation & { caller: string | null }, text: string): Promise<Response> {
    let path = op.path;
    for (const name of op.pathParams) path = path.replace(`{${name}}`, randomUUID());
    const method = op.method.toLowerCase() as 'post' | 'patch' | 'put';
    const req = t.http()[method](path).set('content-type', 'application/json').set('if-match', '1');
    if (op.caller) req.set('authorization', `Bearer ${await t.token(op.caller)}`);
    return req.send(text);
  }

  it('finds the write routes of the document, and who may call each', () => {
    expect(ops.length).toBeGreaterThan(10);
    for (const key of ['POST /auth/login', 'POST /applications', 'PATCH /applications/{id}', 'POST /applications/{id}/events']) {
      expect(ops.map((op) => op.key)).toContain(key);
    }
  });

  it.each([
    ['a NUL character', '\\u0000', 'nulCharacter'],
    ['an unpaired high surrogate', '\\ud800', 'unpairedSurrogate'],
    ['an unpaired low surrogate', '\\udfff', 'unpairedSurrogate'],
  ])('answers %s in a body 400 INPUT_CHARACTERS_INVALID naming the field, on every POST, PATCH and PUT route, and writes nothing', async (_label, escaped, kind) => {
    const before = await countRows(t);
    const results = [];
    for (const op of ops) {
      const { text, field } = bodyWith(doc, op, escaped);
      const res = await send(op, text);
      results.push({ op: op.key, caller: op.caller, ...outcome(res) });
      expect({ op: op.key, ...outcome(res) }).toEqual({
        op: op.key,
        status: 400,
        type: 'application/problem+json',
        code: 'INPUT_CHARACTERS_INVALID',
        fields: [field],
        kinds: [kind],
      });
      expect((res.body as Problem).detail).toContain(field);
    }
    expect(rowDiff(before, await countRows(t))).toEqual([]);
  });

  it('names a field inside the application form and refuses it before the validation pipe sees the body', async () => {
    // `unknownField` would be VALIDATION_FAILED; the hygiene check runs first and names the nested field alone.
    const text = JSON.stringify({ operationName: 'Op Hygiene', subjects: [{ name: 'ok' }, { name: 'MARK' }], unknownField: 1 }).replace('"MARK"', '"Sam\\u0000"');
    const res = await t.http().post('/applications').set('authorization', `Bearer ${await t.token('applicant')}`).set('content-type', 'application/json').send(text);
    expect(outcome(res)).toMatchObject({ status: 400, code: 'INPUT_CHARACTERS_INVALID', fields: ['subjects[1].name'] });
    expect((res.body as Problem).errors?.[0].message).toBe('The field "subjects[1].name" contains a NUL character (U+0000), which is not allowed in text.');
  });

  it('names an object key that holds one, escaped, and never echoes the character back', async () => {
    const text = '{"form":{"sub\\ud800jects":[],"name\\u0000":"x"}}';
    const res = await t.http().post('/applications').set('authorization', `Bearer ${await t.token('applicant')}`).set('content-type', 'application/json').send(text);
    expect(outcome(res)).toMatchObject({ status: 400, code: 'INPUT_CHARACTERS_INVALID', fields: ['form["sub\\ud800jects"]', 'form["name\\u0000"]'] });
    expect({ nul: res.text.includes('\u0000'), surrogate: /[\ud800-\udfff]/.test(res.text) }).toEqual({ nul: false, surrogate: false });
  });

  it('accepts well-formed text: a surrogate pair (an emoji) written as escapes is one character, not a fault', async () => {
    const res = await t
      .http()
      .post('/auth/login')
      .set('content-type', 'application/json')
      .send('{"username":"nobody\\ud83d\\ude93","password":"not-the-password"}');
    expect(res.status).toBe(401);
  });

  it.each([
    ['/applications?status=draft%00', 'status', 'applicant'],
    ['/applications?pageSize=10&status=%00', 'status', 'applicant'],
    ['/errors?cause=x%00y', 'cause', 'spoc'],
    ['/csps?includeInactive=true%00', 'includeInactive', 'admin'],
    ['/applications?%00=1', '["\\u0000"]', 'applicant'],
    ['/applications?status=draft&status=%00', 'status[1]', 'applicant'],
  ])('answers a NUL in a decoded query parameter of a list route 400 INPUT_CHARACTERS_INVALID: %s', async (path, field, user) => {
    const res = await t.http().get(path).set('authorization', `Bearer ${await t.token(user)}`);
    expect(outcome(res)).toEqual({ status: 400, type: 'application/problem+json', code: 'INPUT_CHARACTERS_INVALID', fields: [field], kinds: ['nulCharacter'] });
    expect((res.body as Problem).errors?.[0].message).toContain('query parameter');
  });

  it('cannot be handed a lone surrogate through the query: its UTF-8-style encoding decodes to U+FFFD, which validation refuses', async () => {
    const res = await t.http().get('/applications?status=%ED%A0%80').set('authorization', `Bearer ${await t.token('applicant')}`);
    expect(outcome(res)).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', fields: ['status'] });
  });
});
