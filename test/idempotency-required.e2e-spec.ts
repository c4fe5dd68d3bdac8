/**
 * `Idempotency-Key` is required on every command of the JSON API (issue 24, item 5): a POST or PATCH sent
 * without one is refused with 400 `IDEMPOTENCY_KEY_MISSING` before anything is read or written. The session's
 * own routes (`/auth/*`) honour a key but do not require one; an upload refuses one (its body is streamed).
 * The operations come from the served OpenAPI document, so a new command is covered the day it is added;
 * test/openapi-document.e2e-spec.ts shows the document requires the key on exactly those routes.
 */
import { randomUUID } from 'node:crypto';
import { callerForOperation, routePolicies } from './support/route-policies';
import { createTestApp, DEMO_PASSWORD, isPostgres, type TestApp } from './support/test-app';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, unknown> };
}
type Document = { paths: Record<string, Record<string, Operation>> };

/** Every table's row count: a refused command adds or removes no row anywhere. */
async function allRowCounts(t: TestApp): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { tableName } of t.dataSource.entityMetadatas) {
    const [row] = await t.uow.read((m) => m.query<{ n: string | number }[]>(`SELECT COUNT(*) AS n FROM ${tableName}`));
    counts[tableName] = Number(row.n);
  }
  return counts;
}

describe(`Idempotency-Key is required on commands (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  let commands: { method: string; path: string; operation: Operation }[];

  beforeAll(async () => {
    t = await createTestApp();
    const doc = (await t.http().get('/docs-json').expect(200)).body as Document;
    commands = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([method]) => method === 'post' || method === 'patch')
        .map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
    );
  });
  afterAll(() => t.close());

  const keyOf = (operation: Operation) => operation.parameters?.find((p) => p.in === 'header' && p.name === 'Idempotency-Key');

  it('refuses each command sent without a key with 400 IDEMPOTENCY_KEY_MISSING, and changes no row', async () => {
    const policies = routePolicies(t);
    const required = commands.filter(({ operation }) => keyOf(operation)?.required === true);
    const tokens = new Map<string, string>();
    for (const { method, path } of required) {
      const caller = callerForOperation(policies, `${method} ${path}`);
      if (caller && !tokens.has(caller)) tokens.set(caller, await t.token(caller));
    }
    const before = await allRowCounts(t);
    const answers: string[] = [];
    for (const { method, path, operation } of required) {
      const caller = callerForOperation(policies, `${method} ${path}`);
      const url = path.replace(/\{[^}]+\}/g, () => randomUUID());
      // A body of a type the route takes, so that what is refused is the missing key, not the media type.
      const types = Object.keys(operation.requestBody?.content ?? { 'application/json': {} });
      const [type, body] = types.includes('application/json') ? ['application/json', {}] : [types[0], ''];
      const call = (method === 'POST' ? t.http().post(url) : t.http().patch(url))
        .unset('Idempotency-Key')
        .set('Authorization', `Bearer ${tokens.get(caller ?? '') ?? ''}`)
        .set('If-Match', '"1"')
        .set('content-type', type)
        .send(body);
      const res = await call;
      answers.push(`${method} ${path}: ${res.status} ${String((res.body as { code?: string }).code)}`);
    }
    expect(answers).toEqual(required.map(({ method, path }) => `${method} ${path}: 400 IDEMPOTENCY_KEY_MISSING`));
    expect(await allRowCounts(t)).toEqual(before);
  });

  it('says in plain English what to send, and names the header as the field at fault', async () => {
    const token = await t.token('applicant');
    const res = await t.http().post('/applications').unset('Idempotency-Key').set('Authorization', `Bearer ${token}`).send({}).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      code: 'IDEMPOTENCY_KEY_MISSING',
      detail: expect.stringContaining('Send an Idempotency-Key header') as unknown,
      errors: [{ field: 'Idempotency-Key', code: 'isDefined' }],
    });
  });

  it('lets the session end without a key (logout is a route of the session, not a record)', async () => {
    const login = await t.http().post('/auth/login').unset('Idempotency-Key').send({ username: 'spoc', password: DEMO_PASSWORD }).expect(200);
    const token = (login.body as { accessToken: string }).accessToken;
    await t.http().post('/auth/logout').unset('Idempotency-Key').set('Authorization', `Bearer ${token}`).expect(204);
    await t.http().get('/applications').set('Authorization', `Bearer ${token}`).expect(401);
  });
});
