/**
 * The security audit stream (issue 24, item 1; docs/security.md, "Security audit"): every 401, 403, out-of-view 404
 * and refused transition writes one DENIED event, with who, what and why and never the body; every reading of a
 * record's content one VIEWED event; each authority's events form one hash chain apart from the business history,
 * and its SRO reads them at `GET /audit`.
 */
import { UNAUTHENTICATED_STREAM } from '../src/audit/security-event.entity';
import { chainBreak } from '../src/database/hash-chain';
import { recomputeHash, readHistoryRows } from '../src/database/checkpoints/history-rows';
import { createApplication, sendEvent } from './support/applications';
import { recordReport } from './support/errors-http';
import { checkedAcquisition, issued, pdfBytes } from './support/products-http';
import { cspIds } from './support/returns-http';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';
import { webAgent } from './support/web-session';

interface AuditEvent {
  seq: number;
  kind: 'DENIED' | 'VIEWED';
  at: string;
  actorId: string;
  actorRoles: string[];
  subjectId: string | null;
  subjectType: string | null;
  request: string | null;
  status: number | null;
  code: string | null;
  traceId: string | null;
}

describe(`security audit stream (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  const bearer = async (user: string) => `Bearer ${await t.token(user)}`;
  const userId = async (username: string) =>
    ((await t.uow.read((m) => m.query<{ id: string }[]>(`SELECT id FROM user_account WHERE username = '${username}'`)))[0]).id;
  const authorityOf = async (username: string) =>
    ((await t.uow.read((m) => m.query<{ authority_id: string }[]>(`SELECT authority_id FROM user_account WHERE username = '${username}'`)))[0]).authority_id;
  const auditOf = async (sro: string, query = '') => {
    const res = await t.http().get(`/audit${query}`).set('authorization', await bearer(sro)).expect(200);
    return (res.body as { events: AuditEvent[]; truncated: boolean }).events;
  };
  /** Every row of the table, as stored (SQL, apart from the service's own reading). */
  const storedRows = () => t.uow.read((m) => m.query<{ stream_id: string; kind: string; payload: string; subject_id: string | null }[]>('SELECT stream_id, kind, payload, subject_id FROM security_event ORDER BY seq'));

  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  it('records a request without a token in the unauthenticated stream, and a request that succeeds or is merely invalid not at all', async () => {
    await t.http().get('/applications').expect(401);
    const app = await createApplication(t);
    await t.http().get(`/applications/${app.id}`).set('authorization', await bearer('applicant')).expect(200);
    await t.http().post('/applications').set('authorization', await bearer('applicant')).send({ operationName: 7 }).expect(400);
    const rows = await storedRows();
    expect(rows.map((r) => [r.stream_id, r.kind, JSON.parse(r.payload) as unknown])).toEqual([
      [UNAUTHENTICATED_STREAM, 'denied', expect.objectContaining({ method: 'GET', route: '/applications', status: 401, code: 'AUTH_REQUIRED' })],
    ]);
  });

  it('records a refused role, an out-of-view record and a refused transition, each once, under the actor’s authority, without the body', async () => {
    const app = await createApplication(t);
    const secret = 'Operation Nightjar: the informant’s name is in this body';
    await t.http().post('/applications').set('authorization', await bearer('spoc')).send({ operationName: secret }).expect(403);
    await t.http().get(`/applications/${app.id}`).set('authorization', await bearer('other-applicant')).expect(404);
    const refused = await sendEvent(t, 'applicant', app, { type: 'GRANT' });
    expect([403, 409, 422]).toContain(refused.status);
    const rows = await storedRows();
    expect(rows).toHaveLength(3);
    expect(rows.some((r) => r.payload.includes('Nightjar'))).toBe(false);

    const tvp = await auditOf('sro');
    expect(tvp.map((e) => [e.kind, e.request, e.status, e.code, e.subjectId])).toEqual([
      ['DENIED', 'POST /applications/:id/events', refused.status, (refused.body as { code: string }).code, app.id],
      ['DENIED', 'POST /applications', 403, 'FORBIDDEN_ROLE', null],
    ]);
    expect(tvp[1]).toMatchObject({ actorId: await userId('spoc'), actorRoles: ['spoc'], traceId: expect.any(String) as string });
    // The probe of another authority's record is in the prober's authority's stream, not in the owner's.
    expect(await auditOf('other-sro')).toEqual([
      expect.objectContaining({ kind: 'DENIED', request: 'GET /applications/:id', status: 404, code: 'NOT_FOUND', subjectId: app.id, actorId: await userId('other-applicant') }),
    ]);
  });

  it('records each reading of an application’s record as VIEWED, and GET /audit narrows by record, person and period', async () => {
    const app = await createApplication(t);
    const other = await createApplication(t);
    await t.http().get(`/applications/${app.id}/record.pdf`).set('authorization', await bearer('applicant')).expect(403);
    await t.http().get(`/applications/${app.id}/record.pdf`).set('authorization', await bearer('sro')).expect(200);
    t.clock.set(new Date('2026-03-03T10:00:00.000Z'));
    await t.http().get(`/applications/${other.id}/record.pdf`).set('authorization', await bearer('sro')).expect(200);
    const summary = (events: AuditEvent[]) => events.map((e) => `${e.kind} ${String(e.subjectType ?? e.code)} ${e.subjectId === app.id ? 'app' : 'other'}`);
    expect(summary(await auditOf('sro'))).toEqual(['VIEWED application-record other', 'VIEWED application-record app', 'DENIED FORBIDDEN_ROLE app']);
    expect(summary(await auditOf('sro', `?subjectId=${app.id}`))).toEqual(['VIEWED application-record app', 'DENIED FORBIDDEN_ROLE app']);
    expect(summary(await auditOf('sro', `?actor=${await userId('applicant')}`))).toEqual(['DENIED FORBIDDEN_ROLE app']);
    expect(summary(await auditOf('sro', '?from=2026-03-03T00:00:00Z'))).toEqual(['VIEWED application-record other']);
    expect(summary(await auditOf('sro', '?to=2026-03-03T00:00:00%2B00:00'))).toEqual(['VIEWED application-record app', 'DENIED FORBIDDEN_ROLE app']);
    const limited = await t.http().get('/audit?limit=1').set('authorization', await bearer('sro')).expect(200);
    expect(limited.body).toMatchObject({ events: [{ subjectId: other.id }], truncated: true });
  });

  it('records the download of a product, a return file and an error report as VIEWED, each once', async () => {
    const done = await checkedAcquisition(t, await cspIds(t));
    const product = await issued(t, done.app.id, { kind: 'final', handling: 'intelligence' });
    expect((await pdfBytes(t, `/products/${product.id}/pdf`)).status).toBe(200);
    await t.http().get(`/disclosure-requests/${done.mobile.id}/returns/${done.returns.subscriber.id}/file`).set('authorization', await bearer('spoc')).expect(200);
    const entry = await t.http().post('/errors').set('authorization', await bearer('spoc')).send({ report: recordReport() }).expect(201);
    const errorId = (entry.body as { id: string }).id;
    await t.http().get(`/errors/${errorId}/report.pdf`).set('authorization', await bearer('spoc')).expect(200);
    await t.http().get(`/errors/${errorId}/report`).set('authorization', await bearer('spoc')).expect(200);
    const viewed = (await auditOf('sro')).filter((e) => e.kind === 'VIEWED').map((e) => [e.subjectType, e.subjectId, e.actorId]);
    const spoc = await userId('spoc');
    expect(viewed).toEqual([
      ['error-report', errorId, spoc],
      ['error-report', errorId, spoc],
      ['return-file', done.returns.subscriber.id, spoc],
      ['product', product.id, spoc],
    ]);
  });

  it('lets only the SRO read the stream, and records the refusal of anyone else', async () => {
    const res = await t.http().get('/audit').set('authorization', await bearer('spoc')).expect(403);
    expect((res.body as { code: string }).code).toBe('FORBIDDEN_ROLE');
    expect(await auditOf('sro')).toEqual([expect.objectContaining({ kind: 'DENIED', request: 'GET /audit', code: 'FORBIDDEN_ROLE' })]);
    await t.http().get('/audit?from=yesterday').set('authorization', await bearer('sro')).expect(400);
  });

  it('records a refusal met on a web page too', async () => {
    const agent = await webAgent(t, 'spoc');
    const page = await agent.get('/web/applications');
    expect(page.status).toBe(403);
    expect((await storedRows()).map((r) => [r.stream_id, r.kind, (JSON.parse(r.payload) as { status: number }).status])).toEqual([[await authorityOf('spoc'), 'denied', 403]]);
  });

  it('chains each authority’s events: every row links to the one before and matches its own hash', async () => {
    await t.http().get('/applications').expect(401);
    await t.http().get('/audit').set('authorization', await bearer('spoc')).expect(403);
    await t.http().get('/audit').set('authorization', await bearer('applicant')).expect(403);
    await t.http().get('/audit').set('authorization', await bearer('other-spoc')).expect(403);
    const table = { table: 'security_event', aggregateColumn: 'stream_id', aggregateKey: 'streamId', aggregateTable: 'security_stream' } as const;
    const rows = await t.uow.read((m) => readHistoryRows(m, table, { payload: true }));
    const streams = await t.uow.read((m) => m.query<{ id: string; version: number; history_head: string }[]>('SELECT id, version, history_head FROM security_stream'));
    expect(streams.map((s) => Number(s.version)).sort()).toEqual([1, 1, 2]);
    for (const stream of streams) {
      const chain = rows.filter((r) => r.aggregateId === stream.id);
      expect(chainBreak(chain, (row) => recomputeHash('security_event', row), { version: Number(stream.version), head: stream.history_head })).toBeNull();
    }
    // The table refuses to be changed, as every history does.
    await expect(t.uow.run((tx) => tx.query("UPDATE security_event SET kind = 'viewed'"))).rejects.toThrow(/append-only/);
    await expect(t.uow.run((tx) => tx.query('DELETE FROM security_event'))).rejects.toThrow(/append-only/);
  });
});
