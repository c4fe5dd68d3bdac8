import fc from 'fast-check';
import { UserEntity } from '../src/auth/user.entity';
import { completeForm, createApplication, GRANT_DECISION, SPOC_SECTION, step, type AppRecord } from './support/applications';
import { countRows, FuzzClient, problemDefect, rowDiff, type RawResponse, type RowCounts } from './support/fuzz-http';
import { applyMutations, headerGarbage, mutationOp, POLLUTION_MARKER, rawBody, toJsonText, type MutationOp } from './support/fuzz-mutations';
import { resolveSchema, seedFromSchema, writeOperations, type OpenApiDocument, type WriteOperation } from './support/fuzz-openapi';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

/**
 * Acceptance: every write operation in the OpenAPI document is fuzzed from its request schema (docs/architecture.md
 * §5, §8). Whatever arrives — wrong types, huge or deep bodies, prototype keys, malformed dates and
 * identifiers, bad If-Match / Idempotency-Key / content-type, non-JSON, unknown ids — the answer is below
 * 500, every 4xx is an RFC 9457 problem whose `status` is the HTTP status, and a refused request leaves
 * no business row behind. Logins are reused, not fuzzed. Both drivers.
 */

/** Fixed for CI; FUZZ_SEED / FUZZ_RUNS explore further locally (the coverage check follows FUZZ_RUNS). */
const FC_SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const NUM_RUNS = Math.max(300, Number(process.env.FUZZ_RUNS ?? 300));
// Logins are reused, not fuzzed; a logout would end the session the shared tokens belong to (its refusals are
// in test/authorization-matrix.e2e-spec.ts and test/sessions.e2e-spec.ts).
const EXCLUDED = ['POST /auth/login', 'POST /auth/logout'];
const USERS = ['applicant', 'applicant2', 'spoc', 'dso', 'sro', 'admin', 'ocda', 'jc', 'other-applicant', 'other-spoc'] as const;
type User = (typeof USERS)[number];

type FixtureState = 'draft' | 'spocReview' | 'returnedToApplicant' | 'awaitingAuthorisation' | 'authorised';

/** A valid-ish body, the state its record should be in and who sends it. */
interface Seed {
  label: string;
  body: unknown;
  state: FixtureState;
  user: User;
}

const DECIDED_AT = '2026-03-02T09:30:00+00:00';

/** Each event type's natural state, sender and payload (docs/architecture.md §7.1; application.types.ts). */
const EVENT_SEEDS: Record<string, Omit<Seed, 'label' | 'body'> & { payload: Record<string, unknown> }> = {
  SUBMIT_TO_SPOC: { state: 'draft', user: 'applicant', payload: {} },
  SUBMIT_URGENT_WITHOUT_SPOC: { state: 'draft', user: 'applicant', payload: {} },
  WITHDRAW: { state: 'draft', user: 'applicant', payload: { reason: 'No longer needed.' } },
  RESUBMIT: { state: 'returnedToApplicant', user: 'applicant', payload: {} },
  RETURN_TO_APPLICANT: { state: 'spocReview', user: 'spoc', payload: { reason: 'Narrow the period.', spoc: { returnReasons: ['Period too wide'] } } },
  DECLINE: { state: 'spocReview', user: 'spoc', payload: { reason: 'Not proportionate.' } },
  SUBMIT_FOR_AUTHORISATION: {
    state: 'spocReview',
    user: 'spoc',
    payload: { spoc: { ...SPOC_SECTION, costEstimate: '£0', practicalityAssessment: 'Practical.', consultedAt: DECIDED_AT } },
  },
  REQUEST_MORE_INFO: {
    state: 'awaitingAuthorisation',
    user: 'ocda',
    payload: { question: 'Which handset?', decision: { deciderName: 'Olivia', officeRank: 'AO', ocdaReference: 'OCDA-1' } },
  },
  GRANT: {
    state: 'awaitingAuthorisation',
    user: 'ocda',
    payload: { decision: { ...GRANT_DECISION, independenceDeclaration: true, decidedAt: DECIDED_AT, oral: false, conditions: 'None' } },
  },
  REFUSE: { state: 'awaitingAuthorisation', user: 'ocda', payload: { reason: 'Not necessary.', decision: { rationale: 'Not necessary.' } } },
  JC_APPROVE: { state: 'authorised', user: 'jc', payload: { judicialApproval: { judgeName: 'Sir Julian', decidedAt: DECIDED_AT } } },
  JC_REFUSE: { state: 'authorised', user: 'jc', payload: { reason: 'Refused.', judicialApproval: { judgeName: 'Sir Julian', decidedAt: DECIDED_AT } } },
  RECORD_WRITTEN: { state: 'authorised', user: 'dso', payload: { writtenRecord: 'Written record of the oral grant.' } },
  ISSUE_PRODUCT: { state: 'authorised', user: 'spoc', payload: {} },
  CANCEL: { state: 'authorised', user: 'spoc', payload: { reason: 'No longer required.' } },
  EXPIRE: { state: 'authorised', user: 'spoc', payload: {} },
  CLOSE: { state: 'authorised', user: 'spoc', payload: { reason: 'Finished.' } },
  RECORD_OUTCOME: { state: 'authorised', user: 'applicant', payload: { outcome: 'The suspect was identified.' } },
};

const weighted = <T>(pairs: [number, T][]): fc.Arbitrary<T> =>
  fc.oneof(...pairs.map(([weight, value]) => ({ weight, arbitrary: fc.constant(value) })));

const headerPlan = fc.record({
  ifMatch: weighted<string>([
    [16, 'valid'],
    [2, 'missing'],
    [1, 'empty'],
    [1, 'garbage'],
    [1, 'negative'],
    [1, 'huge'],
    [2, 'stale'],
    [1, 'weak'],
    [1, 'quoted'],
    [1, 'list'],
    [1, 'star'],
  ]),
  ifMatchGarbage: headerGarbage,
  stale: fc.constantFrom(-1, 1, 2, 1000),
  // Mostly a fresh key, as a client sends (the API requires one on commands), so most requests reach the
  // handler; sometimes none, to see the refusal.
  idempotency: weighted<string>([
    [3, 'none'],
    [14, 'fresh'],
    [1, 'garbage'],
    [1, 'tooLong'],
    [1, 'short'],
    [2, 'reuse'],
    [1, 'max'],
  ]),
  idempotencyGarbage: headerGarbage,
  contentType: weighted<string | null>([
    [24, 'application/json'],
    [1, 'application/json; charset=utf-8'],
    [1, 'text/plain'],
    [1, null],
    [1, 'application/x-www-form-urlencoded'],
    [1, 'application/json; charset=latin1'],
    [1, 'application/json; charset=utf-16'],
    [1, 'application/merge-patch+json'],
    [1, 'multipart/form-data; boundary=x'],
    [1, 'application/xml'],
  ]),
  auth: weighted<string>([
    [30, 'ok'],
    [1, 'missing'],
    [1, 'garbage'],
    [2, 'otherUser'],
    [1, 'basic'],
  ]),
  otherUser: fc.constantFrom(...USERS),
});
type HeaderPlan = typeof headerPlan extends fc.Arbitrary<infer H> ? H : never;

const nonUuid = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('null', '0', '-1', '1e308', 'undefined', '%00', '..', 'ffffffff-ffff-ffff-ffff-fffffffffffff', '{id}', ' ', 'x'.repeat(3000), '🚓'),
);

interface FuzzCase {
  seed: Seed;
  ops: MutationOp[];
  raw: string | Buffer | null;
  headers: HeaderPlan;
  id: { plan: 'fixture' | 'randomUuid' | 'nonUuid'; uuid: string; junk: string };
}

interface Violation {
  endpoint: string;
  reason: string;
  status: number;
  request: string;
}

interface EndpointStats {
  runs: number;
  raw: number;
  big: number;
  statuses: Record<number, number>;
  resets: number;
  ms: number;
}

function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return 'not-encodable';
  }
}

describe(`HTTP fuzzing of every write endpoint (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  let client: FuzzClient;
  let doc: OpenApiDocument;
  let ops: WriteOperation[];
  const tokens = new Map<User, string>();
  const fixtures = new Map<FixtureState, AppRecord>();
  const stats = new Map<string, EndpointStats>();
  const violations: Violation[] = [];
  let applicant2Id = '';

  beforeAll(async () => {
    t = await createTestApp();
    for (const user of USERS) tokens.set(user, await t.token(user));
    applicant2Id = (await t.uow.read((m) => m.findOneByOrFail(UserEntity, { username: 'applicant2' }))).id;
    const res = await t.http().get('/docs-json').expect(200);
    doc = res.body as OpenApiDocument;
    ops = writeOperations(doc, EXCLUDED);
    client = await FuzzClient.start(t);
  }, 60_000);

  afterAll(async () => {
    client?.close();
    await t?.close();
  });

  /** A record in `state`, made once and remade only after a 2xx may have moved it. */
  async function fixture(state: FixtureState): Promise<AppRecord> {
    const cached = fixtures.get(state);
    if (cached) return cached;
    let app = await createApplication(t);
    if (state !== 'draft') app = await step(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
    if (state === 'returnedToApplicant') app = await step(t, 'spoc', app, { type: 'RETURN_TO_APPLICANT', reason: 'Narrow it.' });
    if (state === 'awaitingAuthorisation' || state === 'authorised') {
      app = await step(t, 'spoc', app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
    }
    if (state === 'authorised') app = await step(t, 'ocda', app, { type: 'GRANT', decision: GRANT_DECISION });
    fixtures.set(state, app);
    return app;
  }

  /** Seed bodies per endpoint; an endpoint nobody wrote seeds for still gets one from its schema. */
  function seedsFor(op: WriteOperation): { seeds: fc.Arbitrary<Seed>; generic: boolean } {
    const form = completeForm();
    switch (op.key) {
      case 'POST /applications':
        return {
          generic: false,
          seeds: fc.constantFrom<Seed>(
            { label: 'complete', body: form, state: 'draft', user: 'applicant' },
            { label: 'with team', body: completeForm({ teamMemberIds: [applicant2Id] }), state: 'draft', user: 'applicant' },
            { label: 'half-written', body: { operationName: 'Op Fuzz', route: 'dso61A' }, state: 'draft', user: 'applicant' },
          ),
        };
      case 'PATCH /applications/{id}':
        return {
          generic: false,
          seeds: fc
            .record({
              keys: fc.subarray([...Object.keys(form), 'teamMemberIds'], { minLength: 1 }),
              state: fc.constantFrom<FixtureState>('draft', 'draft', 'returnedToApplicant', 'spocReview'),
            })
            .map(({ keys, state }) => ({
              label: `patch ${keys.length} field(s) in ${state}`,
              body: Object.fromEntries(keys.map((k) => [k, k === 'teamMemberIds' ? [applicant2Id] : form[k]])),
              state,
              user: 'applicant' as const,
            })),
        };
      case 'POST /applications/{id}/events': {
        const types = (resolveSchema(doc, resolveSchema(doc, op.bodySchema)?.properties?.type)?.enum ?? []) as string[];
        expect(types.length).toBeGreaterThan(0);
        return {
          generic: false,
          seeds: fc.constantFrom(...types).map((type) => {
            const known = EVENT_SEEDS[type] ?? { state: 'draft' as const, user: 'applicant' as const, payload: {} };
            return { label: type, body: { type, ...structuredClone(known.payload) }, state: known.state, user: known.user };
          }),
        };
      }
      case 'POST /applications/{id}/renewal':
        return {
          generic: false,
          seeds: fc.constantFrom<Seed>(
            { label: 'renew authorised', body: {}, state: 'authorised', user: 'applicant' },
            { label: 'renew draft', body: {}, state: 'draft', user: 'applicant' },
          ),
        };
      default:
        return {
          generic: true,
          seeds: fc.constantFrom(...USERS).map((user) => ({
            label: `schema seed as ${user}`,
            body: op.bodySchema ? seedFromSchema(doc, op.bodySchema) : {},
            state: 'draft' as const,
            user,
          })),
        };
    }
  }

  function describeRequest(method: string, path: string, headers: Record<string, string>, body: Buffer | undefined): string {
    const shownHeaders = { ...headers, authorization: headers.authorization ? `${headers.authorization.slice(0, 12)}…` : undefined };
    const text = body === undefined ? '(no body)' : body.toString('utf8');
    const shownBody = text.length > 1_500 ? `${text.slice(0, 600)}…${text.slice(-300)} (${body?.length ?? 0} bytes)` : text;
    return `${method} ${path.length > 120 ? `${path.slice(0, 120)}…` : path} ${JSON.stringify(shownHeaders)} ${shownBody}`;
  }

  async function runCase(op: WriteOperation, c: FuzzCase, state: { lastKey: string | null; counter: number; prefix: string }, s: EndpointStats): Promise<void> {
    const app = op.pathParams.length > 0 && c.id.plan === 'fixture' ? await fixture(c.seed.state) : undefined;
    let path = op.path;
    op.pathParams.forEach((name, i) => {
      const value = app && i === 0 ? app.id : c.id.plan === 'nonUuid' ? c.id.junk : c.id.uuid;
      path = path.replace(`{${name}}`, encodeSegment(value));
    });

    let body: Buffer | undefined;
    if (c.raw !== null) {
      body = typeof c.raw === 'string' ? Buffer.from(c.raw, 'utf8') : c.raw;
    } else {
      const mutated = applyMutations(doc, c.seed.body, op.bodySchema, c.ops);
      body = mutated === undefined ? undefined : Buffer.from(toJsonText(mutated), 'utf8');
    }

    const h = c.headers;
    const headers: Record<string, string> = { accept: 'application/json' };
    const user = h.auth === 'otherUser' ? h.otherUser : c.seed.user;
    if (h.auth === 'ok' || h.auth === 'otherUser') headers.authorization = `Bearer ${tokens.get(user) ?? ''}`;
    if (h.auth === 'garbage') headers.authorization = `Bearer ${h.ifMatchGarbage.replace(/\s/g, '')}x.y.z`;
    if (h.auth === 'basic') headers.authorization = 'Basic YXBwbGljYW50OkRlbW8tUGFzc3dvcmQtMjAyNg==';
    if (h.contentType !== null) headers['content-type'] = h.contentType;

    const version = app?.version ?? 1;
    const declaresIfMatch = op.headerParams.includes('if-match');
    const ifMatch: Record<string, string | undefined> = {
      valid: declaresIfMatch ? String(version) : undefined,
      missing: undefined,
      empty: '',
      garbage: h.ifMatchGarbage,
      negative: `-${version}`,
      huge: '9'.repeat(400),
      stale: String(Math.max(0, version + h.stale)),
      weak: `W/"${version}"`,
      quoted: `"${version}"`,
      list: `"${version}", "${version + 1}"`,
      star: '*',
    };
    const ifMatchValue = ifMatch[h.ifMatch];
    if (ifMatchValue !== undefined) headers['if-match'] = ifMatchValue;

    let key: string | undefined;
    state.counter += 1;
    if (h.idempotency === 'fresh' || (h.idempotency === 'reuse' && state.lastKey === null)) key = `${state.prefix}-${state.counter}`;
    if (h.idempotency === 'reuse' && state.lastKey !== null) key = state.lastKey;
    if (h.idempotency === 'garbage') key = h.idempotencyGarbage;
    if (h.idempotency === 'tooLong') key = 'k'.repeat(201);
    if (h.idempotency === 'short') key = 'k1';
    if (h.idempotency === 'max') key = `${state.counter}-`.padEnd(200, 'k');
    if (key !== undefined) headers['idempotency-key'] = key;

    const request = { method: op.method, path, headers, body };
    const violation = (reason: string, status: number) =>
      violations.push({ endpoint: op.key, reason, status, request: describeRequest(op.method, path, headers, body) });

    const before: RowCounts = await countRows(t);
    let res: RawResponse;
    try {
      res = await client.send(request);
    } catch (error) {
      violation(`transport: ${error instanceof Error ? error.message : String(error)}`, 0);
      return;
    }
    s.statuses[res.status] = (s.statuses[res.status] ?? 0) + 1;

    if (res.status >= 500) {
      violation(`HTTP ${res.status} ${(res.json as { code?: string } | undefined)?.code ?? res.text.slice(0, 100)}`, res.status);
    } else if (res.status >= 400) {
      const defect = problemDefect(res);
      if (defect) violation(`4xx not a problem: ${defect}`, res.status);
      const diff = rowDiff(before, await countRows(t));
      if (diff.length > 0) violation(`rows written behind ${res.status} ${(res.json as { code?: string }).code}: ${diff.join(', ')}`, res.status);
    } else if (res.status >= 200 && res.status < 300) {
      // The mutated body was still acceptable: the record may have moved, so the next run gets a fresh one.
      if (app) {
        fixtures.delete(c.seed.state);
        s.resets += 1;
      }
      if (key !== undefined) state.lastKey = key;
    } else {
      violation(`unexpected HTTP ${res.status}`, res.status);
    }
    if (Object.prototype.hasOwnProperty.call(Object.prototype, POLLUTION_MARKER)) {
      violation('Object.prototype was polluted', res.status);
      delete (Object.prototype as Record<string, unknown>)[POLLUTION_MARKER];
    }
  }

  async function fuzz(op: WriteOperation): Promise<void> {
    const { seeds, generic } = seedsFor(op);
    const s: EndpointStats = { runs: 0, raw: 0, big: 0, statuses: {}, resets: 0, ms: 0 };
    stats.set(op.key, s);
    const state = { lastKey: null as string | null, counter: 0, prefix: `fuzz-${FC_SEED}-${ops.indexOf(op)}` };
    const started = Date.now();
    const cases: fc.Arbitrary<FuzzCase> = fc.record({
      seed: seeds,
      ops: fc.array(mutationOp, { minLength: 0, maxLength: 4 }),
      raw: fc.oneof({ weight: 11, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: rawBody }),
      headers: headerPlan,
      id: fc.record({
        plan: weighted<'fixture' | 'randomUuid' | 'nonUuid'>([
          [18, 'fixture'],
          [1, 'randomUuid'],
          [1, 'nonUuid'],
        ]),
        uuid: fc.uuid(),
        junk: nonUuid,
      }),
    });
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        s.runs += 1;
        if (c.raw !== null) s.raw += 1;
        else if (c.ops.some((o) => o.kind === 'bigArray' || o.kind === 'deep' || o.kind === 'huge')) s.big += 1;
        await runCase(op, c, state, s);
      }),
      { seed: FC_SEED, numRuns: NUM_RUNS, endOnFailure: true },
    );
    s.ms = Date.now() - started;
    const histogram = Object.entries(s.statuses)
      .map(([status, n]) => `${status}×${n}`)
      .join(' ');
    console.log(
      `${op.key}${generic ? ' (schema seed)' : ''}: ${s.runs} runs (${s.big} big, ${s.raw} raw) in ${s.ms} ms, ` +
        `fixtures remade ${s.resets}; statuses ${histogram}`,
    );
  }

  it('finds the write operations in /docs-json', () => {
    expect(ops.map((o) => o.key)).toEqual(expect.arrayContaining(['POST /applications', 'PATCH /applications/{id}', 'POST /applications/{id}/events']));
    expect(ops.map((o) => o.key)).not.toContain('POST /auth/login');
  });

  it(`answers ${NUM_RUNS} mutated requests per write operation below 500, with problem+json 4xx and no rows behind them`, async () => {
    for (const op of ops) await fuzz(op);
    // Every write operation the document lists had its runs: a new endpoint cannot slip past the fuzzer.
    const unfuzzed = ops.filter((op) => (stats.get(op.key)?.runs ?? 0) < NUM_RUNS).map((op) => op.key);
    expect(unfuzzed).toEqual([]);
    const distinct = new Map<string, Violation & { count: number }>();
    for (const v of violations) {
      const signature = `${v.endpoint} | ${v.reason}`;
      const seen = distinct.get(signature);
      if (seen) seen.count += 1;
      else distinct.set(signature, { ...v, count: 1 });
    }
    const report = [...distinct.values()].map((v) => `${v.count}× ${v.endpoint}: ${v.reason}\n    e.g. ${v.request}`);
    if (report.length > 0) console.log(`fuzz violations:\n${report.join('\n')}`);
    expect(report).toEqual([]);
    // The budget grows with the document: 300 runs of each of some 30 write operations, about 15 s each on a loaded
    // two-core machine (the retention routes added four).
  }, 1_200_000);

  it('refuses the hostile bodies the fuzzer found (deep nesting, 1e400), with and without Idempotency-Key, as 400 problems', async () => {
    const bodies = [
      '['.repeat(5_000) + ']'.repeat(5_000),
      `{"operationName":${'{"a":'.repeat(3_000)}1${'}'.repeat(3_000)}}`,
      '{"offences":[{"description":"Robbery","maxSentenceAdultMonths":1e400}]}',
    ];
    let n = 0;
    for (const body of bodies) {
      for (const key of [undefined, `fuzz-regression-${++n}`]) {
        const before = await countRows(t);
        const res = await client.send({
          method: 'POST',
          path: '/applications',
          headers: {
            authorization: `Bearer ${tokens.get('applicant') ?? ''}`,
            'content-type': 'application/json',
            ...(key ? { 'idempotency-key': key } : {}),
          },
          body: Buffer.from(body),
        });
        expect({ body: body.slice(0, 40), key, status: res.status, defect: problemDefect(res) }).toEqual({
          body: body.slice(0, 40),
          key,
          status: 400,
          defect: null,
        });
        expect(rowDiff(before, await countRows(t))).toEqual([]);
      }
    }
  });

  it('answers a body over the JSON limit with 413 problem+json on every write operation', async () => {
    for (const op of ops) {
      const app = op.pathParams.length > 0 ? await fixture('draft') : undefined;
      let path = op.path;
      for (const name of op.pathParams) path = path.replace(`{${name}}`, app?.id ?? '00000000-0000-4000-8000-000000000000');
      const before = await countRows(t);
      const res = await client.send({
        method: op.method,
        path,
        headers: {
          authorization: `Bearer ${tokens.get('applicant') ?? ''}`,
          'content-type': 'application/json',
          'if-match': String(app?.version ?? 1),
        },
        body: Buffer.from(JSON.stringify({ operationName: 'x'.repeat(150_000) })),
      });
      expect({ op: op.key, status: res.status, defect: problemDefect(res) }).toEqual({ op: op.key, status: 413, defect: null });
      expect((res.json as { code: string }).code).toBe('PAYLOAD_TOO_LARGE');
      expect(rowDiff(before, await countRows(t))).toEqual([]);
    }
  });
});
