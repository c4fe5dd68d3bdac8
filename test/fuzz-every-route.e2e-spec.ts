/**
 * Fuzzing every route of the served OpenAPI document as every caller (issue 24, acceptance: fuzz): each request an
 * operation of the document (reads as well as writes), a caller (each demo user, and no one), path ids that name a
 * real record, a random one or junk, query values from the schema or hostile, If-Match and Idempotency-Key right,
 * missing or wrong, and a body from the schema mutated or not JSON at all. Fixed seed.
 *
 * Every answer must be below 500 and valid against the document (status, content type, declared headers, body
 * schema: test/support/openapi-conformance.ts), and a 4xx must leave every business row and version as it was.
 * `FUZZ_REQUESTS` sets the count: 2,000 here (each database, in `.ci/run`); `npm run check:heavy` runs 20,000 on each.
 * test/fuzz.e2e-spec.ts fuzzes the write operations' bodies deeper, 300 runs each.
 */
import fc from 'fast-check';
import { createApplication } from './support/applications';
import { CALLERS, type Caller } from './support/authz-fixtures';
import { countRows, FuzzClient, rowDiff, type RawResponse } from './support/fuzz-http';
import { applyMutations, headerGarbage, mutationOp, rawBody, toJsonText, type MutationOp } from './support/fuzz-mutations';
import { resolveSchema, seedFromSchema, type OpenApiDocument, type OpenApiSchema } from './support/fuzz-openapi';
import { conformanceIssues, type ConformanceDocument } from './support/openapi-conformance';
import { callerForOperation, routePolicies } from './support/route-policies';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

const REQUESTS = Math.max(2000, Number(process.env.FUZZ_REQUESTS ?? 2000));
const SEED = Number(process.env.FUZZ_SEED ?? 20261127);
// Failed sign-ins would lock the demo users the other requests sign in as, and a logout would end their sessions:
// both are fuzzed apart (test/login-throttle.e2e-spec.ts, test/sessions.e2e-spec.ts).
const EXCLUDED = ['POST /auth/login', 'POST /auth/logout'];

interface Operation {
  key: string;
  method: string;
  path: string;
  query: { name: string; schema: OpenApiSchema | undefined }[];
  body: OpenApiSchema | undefined;
  bodyType: string | undefined;
}

interface Plan {
  op: number;
  caller: Caller;
  /** Half the time the caller is one the route's policy admits, so requests get past it to the record and the body. */
  admitted: boolean;
  id: 'record' | 'random' | 'junk';
  randomId: string;
  junk: string;
  query: { include: boolean; hostile: boolean; value: unknown }[];
  ifMatch: 'right' | 'none' | 'stale' | 'garbage';
  garbage: string;
  key: 'fresh' | 'none' | 'garbage';
  body: 'seed' | 'mutated' | 'raw' | 'none';
  ops: MutationOp[];
  raw: string | Buffer;
}

function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'post', 'patch', 'put', 'delete'].includes(method))
      .map(([method, op]) => {
        const content = op.requestBody?.content ?? {};
        const bodyType = Object.keys(content)[0];
        return {
          key: `${method.toUpperCase()} ${path}`,
          method: method.toUpperCase(),
          path,
          query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
          body: bodyType ? content[bodyType]?.schema : undefined,
          bodyType,
        };
      })
      .filter((op) => !EXCLUDED.includes(op.key)),
  );
}

const headersOf = (res: RawResponse): Headers => {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  return headers;
};

describe(`fuzzing every route of the document as every caller (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  let client: FuzzClient;
  let doc: OpenApiDocument;
  let ops: Operation[];
  const tokens = new Map<Caller, string>();
  /** A real record for each kind of `{id}`, by the path's first segment. */
  const records = new Map<string, { id: string; version: number }>();

  beforeAll(async () => {
    t = await createTestApp();
    for (const caller of CALLERS) if (caller !== 'anonymous') tokens.set(caller, await t.token(caller));
    doc = (await t.http().get('/docs-json').expect(200)).body as OpenApiDocument;
    ops = operationsOf(doc);
    const app = await createApplication(t);
    records.set('applications', app);
    const entry = await t.http().post('/errors').set('authorization', `Bearer ${tokens.get('spoc') ?? ''}`).send({ report: { errorDescription: 'Fuzz fixture.' } });
    if (entry.status === 201) records.set('errors', entry.body as { id: string; version: number });
    const csps = await t.http().get('/csps?pageSize=1').set('authorization', `Bearer ${tokens.get('spoc') ?? ''}`).expect(200);
    records.set('admin', (csps.body as { items: { id: string; version: number }[] }).items[0]);
    client = await FuzzClient.start(t);
  }, 120_000);

  afterAll(async () => {
    client?.close();
    await t?.close();
  });

  it(`answers ${REQUESTS} requests below 500, each valid against the document, with no row behind any 4xx`, async () => {
    expect(ops.length).toBeGreaterThan(40);
    const plan: fc.Arbitrary<Plan> = fc.record({
      op: fc.nat({ max: ops.length - 1 }),
      caller: fc.constantFrom(...CALLERS),
      admitted: fc.boolean(),
      id: fc.constantFrom('record', 'record', 'random', 'junk'),
      randomId: fc.uuid(),
      junk: fc.constantFrom('x', '0', '-1', 'null', '%00', 'ffffffff-ffff-ffff-ffff-fffffffffffff', 'é', 'x'.repeat(300)),
      query: fc.array(fc.record({ include: fc.boolean(), hostile: fc.boolean(), value: fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.constantFrom('0', '-1', '101', '1e9', 'true', '2026-13-45', '')) }), {
        minLength: 8,
        maxLength: 8,
      }),
      ifMatch: fc.constantFrom('right', 'right', 'none', 'stale', 'garbage'),
      garbage: headerGarbage,
      key: fc.constantFrom('fresh', 'fresh', 'fresh', 'none', 'garbage'),
      body: fc.constantFrom('seed', 'mutated', 'mutated', 'raw', 'none'),
      ops: fc.array(mutationOp, { maxLength: 4 }),
      raw: rawBody,
    });
    const policies = routePolicies(t);
    const statuses = new Map<number, number>();
    const issues = new Set<string>();
    let sent = 0;
    let counter = 0;
    await fc.assert(
      fc.asyncProperty(plan, async (p) => {
        const op = ops[p.op];
        const caller: Caller = p.admitted ? ((callerForOperation(policies, op.key) as Caller | null) ?? 'anonymous') : p.caller;
        const record = records.get(op.path.split('/')[1]);
        const idValue = p.id === 'record' && record ? record.id : p.id === 'junk' ? encodeURIComponent(p.junk) : p.randomId;
        const query = op.query
          .map((param, i) => ({ param, plan: p.query[i % p.query.length] }))
          .filter(({ plan: q }) => q.include)
          .map(({ param, plan: q }) => `${encodeURIComponent(param.name)}=${encodeURIComponent(String(q.hostile ? q.value : (seedFromSchema(doc, resolveSchema(doc, param.schema)) ?? '')))}`);
        const path = op.path.replace(/\{[^}]+\}/g, idValue) + (query.length > 0 ? `?${query.join('&')}` : '');
        const headers: Record<string, string> = {};
        const token = caller === 'anonymous' ? undefined : tokens.get(caller);
        if (token) headers.authorization = `Bearer ${token}`;
        const version = record?.version ?? 1;
        if (p.ifMatch !== 'none') headers['if-match'] = p.ifMatch === 'right' ? `"${version}"` : p.ifMatch === 'stale' ? `"${version + 7}"` : p.garbage;
        counter += 1;
        if (op.method !== 'GET' && p.key !== 'none') headers['idempotency-key'] = p.key === 'fresh' ? `fuzz-every-${SEED}-${counter}` : p.garbage;
        let body: Buffer | undefined;
        if (op.method !== 'GET' && p.body !== 'none') {
          if (p.body === 'raw') {
            body = Buffer.isBuffer(p.raw) ? p.raw : Buffer.from(p.raw, 'utf8');
            headers['content-type'] = op.bodyType ?? 'application/json';
          } else if (op.bodyType === 'application/json' || op.bodyType === undefined) {
            const seed = seedFromSchema(doc, resolveSchema(doc, op.body)) ?? {};
            body = Buffer.from(toJsonText(p.body === 'mutated' ? applyMutations(doc, seed, op.body, p.ops) : seed), 'utf8');
            headers['content-type'] = 'application/json';
          } else {
            body = Buffer.from('csp_reference,identifier,data_type,disclosed_at\nX,+447700900123,subscriber,2026-03-02T10:00:00Z\n', 'utf8');
            headers['content-type'] = op.bodyType;
          }
        }
        const before = await countRows(t);
        const res = await client.send({ method: op.method, path, headers, body });
        sent += 1;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const where = `${op.key} as ${caller}`;
        expect({ where, status: res.status < 500 ? 'below 500' : res.status }).toEqual({ where, status: 'below 500' });
        for (const issue of conformanceIssues(doc as unknown as ConformanceDocument, { method: op.method, path: op.path, status: res.status, headers: headersOf(res), body: res.json })) {
          issues.add(`${issue} (as ${caller})`);
        }
        if (res.status >= 400) expect({ where, changed: rowDiff(before, await countRows(t)) }).toEqual({ where, changed: [] });
      }),
      { numRuns: REQUESTS, seed: SEED, endOnFailure: true },
    );
    // One line for the log (and `npm run check:heavy`'s output): how many were sent and how they were answered.
    process.stdout.write(`${JSON.stringify({ check: 'fuzz-every-route', database: isPostgres() ? 'postgres' : 'sqlite', requests: sent, statuses: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)), issues: issues.size })}\n`);
    expect([...issues].slice(0, 30)).toEqual([]);
    expect(sent).toBe(REQUESTS);
    // Deep enough: some requests got through to a 2xx, and refusals of every kind came back.
    expect([...statuses.keys()].some((s) => s >= 200 && s < 300)).toBe(true);
    expect([200, 201, 400, 401, 403, 404, 409, 422].filter((s) => !statuses.has(s))).toEqual([]);
  }, Math.max(600_000, REQUESTS * 100));
});
