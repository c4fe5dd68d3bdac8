/**
 * Inspectors (issue 24, item 3; docs/security.md, "Inspectors"): an administrator grants an inspector read-only access
 * to their authority's records made in a stated period, until an expiry. Under a live grant the inspector reads those
 * records and no others, every reading is a VIEWED event of the security audit stream, nothing is writable (every
 * write operation of the document, tried on records the inspector can see), and the access ends at the expiry, to the
 * instant. Both databases.
 */
import { randomUUID } from 'node:crypto';
import { createApplication, type AppRecord } from './support/applications';
import { countRows, rowDiff } from './support/fuzz-http';
import { rawSql } from './support/lifecycle-http';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

type Document = { paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>> };

describe(`inspectors (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  let inspectorId: string;
  let inPeriod: AppRecord;
  let before: AppRecord;
  let otherForce: AppRecord;
  const EXPIRES = '2026-03-10T12:00:00.000Z';
  const bearer = async (user: string) => `Bearer ${await t.token(user)}`;
  const read = async (path: string) => t.http().get(path).set('authorization', await bearer('inspector'));
  const grant = async (body: Record<string, unknown>, user = 'admin') => t.http().post('/admin/inspection-grants').set('authorization', await bearer(user)).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    inspectorId = ((await t.uow.read((m) => m.query<{ id: string }[]>("SELECT id FROM user_account WHERE username = 'inspector'")))[0]).id;
    t.clock.set(new Date('2026-02-20T10:00:00.000Z'));
    before = await createApplication(t);
    t.clock.set(new Date('2026-03-02T10:00:00.000Z'));
    inPeriod = await createApplication(t);
    otherForce = await createApplication(t, 'other-applicant');
  });
  afterAll(() => t.close());

  it('sees nothing before a grant', async () => {
    expect((await read(`/applications/${inPeriod.id}`)).status).toBe(404);
    expect((await read('/applications?pageSize=100')).body).toMatchObject({ items: [] });
    expect((await read('/audit')).body).toEqual({ events: [], truncated: false });
  });

  it('is granted only by an administrator, only to an inspector, only with an expiry to come', async () => {
    const body = { inspectorId, periodFrom: '2026-03-01T00:00:00Z', periodTo: '2026-04-01T00:00:00+01:00', expiresAt: EXPIRES, reason: 'IPCO inspection, March 2026' };
    expect((await grant(body, 'sro')).status).toBe(403);
    const notInspector = ((await t.uow.read((m) => m.query<{ id: string }[]>("SELECT id FROM user_account WHERE username = 'spoc'")))[0]).id;
    expect((await grant({ ...body, inspectorId: notInspector })).body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'inspectorId' }] });
    expect((await grant({ ...body, expiresAt: '2026-03-01T00:00:00Z' })).body).toMatchObject({ errors: [{ field: 'expiresAt' }] });
    expect((await grant({ ...body, periodTo: '2026-02-01T00:00:00Z' })).body).toMatchObject({ errors: [{ field: 'periodTo' }] });
    const made = await grant(body);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ inspectorId, periodFrom: '2026-03-01T00:00:00.000Z', expiresAt: EXPIRES, live: true });
    const listed = await t.http().get('/admin/inspection-grants').set('authorization', await bearer('admin')).expect(200);
    expect((listed.body as { items: { id: string }[] }).items.map((g) => g.id)).toEqual([(made.body as { id: string }).id]);
  });

  it('reads the authority’s records made in the period, and no others, each reading in the security audit stream', async () => {
    const one = await read(`/applications/${inPeriod.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: inPeriod.id, allowedEvents: [] });
    expect((await read(`/applications/${inPeriod.id}/history`)).status).toBe(200);
    const pdf = await read(`/applications/${inPeriod.id}/record.pdf`);
    expect(pdf.status).toBe(200);
    expect((await read(`/applications/${before.id}`)).status).toBe(404);
    expect((await read(`/applications/${otherForce.id}`)).status).toBe(404);
    const list = await read('/applications?pageSize=100');
    expect((list.body as { items: { id: string }[] }).items.map((a) => a.id)).toEqual([inPeriod.id]);

    const events = await t.uow.read((m) =>
      m.query<{ kind: string; subject_id: string | null; payload: string }[]>(`SELECT kind, subject_id, payload FROM security_event WHERE actor_id = '${inspectorId}' ORDER BY seq`),
    );
    const readings = events.filter((e) => e.kind === 'viewed').map((e) => [(JSON.parse(e.payload) as { route: string }).route, e.subject_id]);
    expect(readings).toEqual(
      expect.arrayContaining([
        ['/applications/:id', inPeriod.id],
        ['/applications/:id/history', inPeriod.id],
        ['/applications/:id/record.pdf', inPeriod.id],
        ['/applications', null],
      ]),
    );
  });

  it('reads the granting authority’s security audit stream for the period, and no other authority’s', async () => {
    // A refusal in each force, in the period: the inspector sees the one of the force that granted access.
    await t.http().get('/audit').set('authorization', await bearer('spoc')).expect(403);
    await t.http().get('/audit').set('authorization', await bearer('other-spoc')).expect(403);
    const res = await read('/audit');
    expect(res.status).toBe(200);
    const idOf = async (username: string) => ((await t.uow.read((m) => m.query<{ id: string }[]>(`SELECT id FROM user_account WHERE username = '${username}'`)))[0]).id;
    const events = (res.body as { events: { kind: string; actorId: string; request: string | null; code: string | null }[] }).events.filter((e) => e.kind === 'DENIED');
    // Newest first: the SPOC's refusal, then the SRO's refused grant earlier in this spec, both TVP's (the stream
    // holds the inspector's own readings too: the next test).
    expect(events.map((e) => [e.actorId, e.request, e.code])).toEqual([
      [await idOf('spoc'), 'GET /audit', 'FORBIDDEN_ROLE'],
      [await idOf('sro'), 'POST /admin/inspection-grants', 'FORBIDDEN_ROLE'],
    ]);
  });

  it('can write nothing: every write operation of the document, on a record they can see, is refused and changes no row', async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body as Document;
    const writes = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([method]) => ['post', 'patch', 'put', 'delete'].includes(method))
        .map(([method, op]) => ({ method, path, multipart: Object.keys(op.requestBody?.content ?? {}).includes('multipart/form-data') }))
        .filter(({ path }) => !path.startsWith('/auth/') && !path.startsWith('/me/')),
    );
    expect(writes.length).toBeGreaterThan(15);
    const rowsBefore = await countRows(t);
    const answers: string[] = [];
    for (const { method, path, multipart } of writes) {
      const url = path.replace('{id}', inPeriod.id).replace(/\{[^}]+\}/g, () => randomUUID());
      let req = t.http()[method as 'post' | 'patch' | 'put' | 'delete'](url).set('authorization', await bearer('inspector')).set('If-Match', String(inPeriod.version));
      req = multipart ? req.field('dataItemRef', 'd1') : req.send({ type: 'WITHDRAW', reason: 'Inspector trying', operationName: 'Changed' });
      const res = await req;
      answers.push(`${method.toUpperCase()} ${path}: ${res.status >= 400 && res.status < 500 ? 'refused' : `answered ${res.status}`}`);
    }
    expect(answers).toEqual(writes.map(({ method, path }) => `${method.toUpperCase()} ${path}: refused`));
    expect(rowDiff(rowsBefore, await countRows(t))).toEqual([]);
    expect((await read(`/applications/${inPeriod.id}`)).body).toMatchObject({ version: inPeriod.version, status: inPeriod.status });
  });

  it('files each reading in the stream of the authority whose records were read, where its SRO sees it', async () => {
    // A second grant, from the other force (as its administrator's grant would be written).
    const [ham] = await t.uow.read((m) => m.query<{ authority_id: string }[]>("SELECT authority_id FROM user_account WHERE username = 'other-sro'"));
    await rawSql(
      t,
      'INSERT INTO inspection_grant (id, inspector_id, authority_id, period_from, period_to, expires_at, granted_by, granted_at, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      [randomUUID(), inspectorId, ham.authority_id, '2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z', EXPIRES, randomUUID(), '2026-03-02T10:00:00.000Z', 'Joint inspection'],
    );
    expect((await read(`/applications/${otherForce.id}`)).status).toBe(200);
    expect((await read(`/applications/${inPeriod.id}/history`)).status).toBe(200);
    expect((await read('/applications?pageSize=100')).status).toBe(200);

    type Readings = { events: { kind: string; request: string | null; subjectId: string | null }[] };
    const readingsSeenBy = async (sro: string) =>
      ((await t.http().get(`/audit?actor=${inspectorId}&limit=100`).set('authorization', await bearer(sro)).expect(200)).body as Readings).events
        .filter((e) => e.kind === 'VIEWED')
        .map((e) => [e.request, e.subjectId]);
    const tvp = await readingsSeenBy('sro');
    const other = await readingsSeenBy('other-sro');
    expect(tvp).toEqual(expect.arrayContaining([['GET /applications/:id/history', inPeriod.id], ['GET /applications/:id', inPeriod.id], ['GET /applications', null]]));
    expect(other.slice(0, 2)).toEqual([
      ['GET /applications', null],
      ['GET /applications/:id', otherForce.id],
    ]);
    // Each force's SRO sees the readings of its own records only.
    expect(tvp.map(([, subject]) => subject)).not.toContain(otherForce.id);
    expect(other.map(([, subject]) => subject)).not.toContain(inPeriod.id);
  });

  it('loses the access at the expiry, to the instant', async () => {
    t.clock.set(new Date(Date.parse(EXPIRES) - 1));
    expect((await read(`/applications/${inPeriod.id}`)).status).toBe(200);
    t.clock.set(new Date(EXPIRES));
    expect((await read(`/applications/${inPeriod.id}`)).status).toBe(404);
    expect((await read(`/applications/${inPeriod.id}/record.pdf`)).status).toBe(404);
    const listed = await t.http().get('/admin/inspection-grants').set('authorization', await bearer('admin')).expect(200);
    expect(listed.body).toMatchObject({ items: [{ live: false }] });
  });
});
