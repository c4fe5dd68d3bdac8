/**
 * Retention and destruction (issue 24, item 6; docs/retention.md), over HTTP on SQLite and, with DATABASE_URL, on
 * PostgreSQL: the review job marks a closed record once its period has run; the SRO's decision to delete blanks its
 * content under the decision, the record's history still verifies and the certificate names the decision; nothing
 * is deleted without a decision, before the record is due (unless the register establishes the data was acquired
 * in error), under a legal hold, or while the record is open; a decision to retain sets when to look again.
 */
import { RetentionReviews } from '../src/retention/public-api';
import { createApplication, step, type AppRecord } from './support/applications';
import { createError, errorStep } from './support/errors-http';
import { historyOf, rawSql, verifyOf } from './support/lifecycle-http';
import { cspIds, sendEvent, sentRequests } from './support/returns-http';
import { ripaRecord } from './support/ripa-records';
import { createTestApp, type TestApp } from './support/test-app';

const CLOSED_AT = '2026-03-02T10:00:00.000Z';
/** Five years on (RETENTION_APPLICATION_YEARS' default). */
const DUE_AT = '2031-03-02T10:00:00.000Z';

interface Decided {
  decision: { id: string; decision: string; reason: string; decidedAt: string; reviewAgainAt: string | null };
  certificate: { id: string; decision: { id: string; reason: string }; recordId: string; deletedFields: string[]; historyHead: string; acquiredInErrorId: string | null } | null;
}

describe('retention and destruction', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set(CLOSED_AT));

  const as = async (user: string) => `Bearer ${await t.token(user)}`;
  const tick = () => t.app.get(RetentionReviews).tick();

  /** A draft withdrawn at the clock's instant: closed. */
  async function withdrawn(): Promise<AppRecord> {
    const app = await createApplication(t);
    return step(t, 'applicant', app, { type: 'WITHDRAW', reason: 'No longer needed.' });
  }

  const decide = async (body: Record<string, unknown>, user = 'sro') => t.http().post('/retention/decisions').set('authorization', await as(user)).send(body);
  const deletion = (recordId: string, extra: Record<string, unknown> = {}) => ({ recordType: 'application', recordId, decision: 'delete', reason: 'Past its five years; nothing holds it.', ...extra });
  const formOf = async (id: string) => (await rawSql<{ form: unknown }>(t, 'SELECT form FROM application WHERE id = $1', [id]))[0]?.form;
  const countRows = async (table: string, where = '1 = 1', params: unknown[] = []) => Number((await rawSql<{ n: number | string }>(t, `SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, params))[0]?.n);
  const reviewsOf = async (recordId: string) => rawSql<{ due_at: string; decision_id: string | null }>(t, 'SELECT due_at, decision_id FROM retention_review WHERE record_id = $1 ORDER BY due_at', [recordId]);

  it('marks a closed record due for review once its period has run, once, and never an open one', async () => {
    const closed = await withdrawn();
    const open = await createApplication(t);
    t.clock.set('2031-03-02T09:59:59.999Z');
    await tick();
    expect(await reviewsOf(closed.id)).toEqual([]);
    t.clock.set(DUE_AT);
    await tick();
    await tick();
    expect(await reviewsOf(closed.id)).toEqual([{ due_at: DUE_AT, decision_id: null }]);
    expect(await reviewsOf(open.id)).toEqual([]);

    const listed = await t.http().get('/retention/reviews').set('authorization', await as('sro')).expect(200);
    expect((listed.body as { items: { recordId: string; closedAt: string; dueAt: string }[] }).items).toContainEqual(expect.objectContaining({ recordId: closed.id, closedAt: CLOSED_AT, dueAt: DUE_AT }));
    const otherForce = await t.http().get('/retention/reviews').set('authorization', await as('other-sro')).expect(200);
    expect((otherForce.body as { items: { recordId: string }[] }).items.map((r) => r.recordId)).not.toContain(closed.id);
  });

  it('deletes a due record’s content under the SRO’s decision: its history still verifies and the certificate names the decision', async () => {
    const app = await withdrawn();
    const before = await historyOf(t, 'applicant', app.id);
    t.clock.set(DUE_AT);
    await tick();

    const res = await decide(deletion(app.id));
    expect(res.status).toBe(201);
    const { decision, certificate } = res.body as Decided;
    expect(decision).toMatchObject({ decision: 'delete', decidedAt: DUE_AT, reviewAgainAt: null });
    expect(certificate).toMatchObject({ decision: { id: decision.id, reason: 'Past its five years; nothing holds it.' }, recordId: app.id, deletedFields: ['form', 'spocSection'], acquiredInErrorId: null });

    expect(await formOf(app.id)).toMatch(/^\{\}$/);
    const verify = await verifyOf(t, 'applicant', app.id);
    expect(verify).toMatchObject({ valid: true });
    const after = await historyOf(t, 'applicant', app.id);
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toMatchObject({ kind: 'edited', actorRoles: ['sro'], summary: `Content deleted under retention decision ${decision.id}: form, spoc section.` });
    // Every earlier payload is blanked, naming the decision.
    expect(after.slice(0, -1).map((row) => row.payloadBlankedBy)).toEqual(before.map(() => decision.id));
    const [row] = await rawSql<{ history_head: string }>(t, 'SELECT history_head FROM application WHERE id = $1', [app.id]);
    expect(certificate?.historyHead).toBe(row?.history_head);
    expect(await reviewsOf(app.id)).toEqual([{ due_at: DUE_AT, decision_id: decision.id }]);

    const read = await t.http().get(`/retention/certificates/${certificate?.id}`).set('authorization', await as('sro')).expect(200);
    expect(read.body).toEqual(certificate);
    const record = await t.http().get(`/retention/records/application/${app.id}`).set('authorization', await as('sro')).expect(200);
    expect(record.body).toMatchObject({ status: 'withdrawn', closedAt: CLOSED_AT, periodEndsAt: DUE_AT, decisions: [decision], certificates: [certificate] });

    // Once deleted, never reviewed again, and never deleted twice.
    t.clock.set('2040-01-01T00:00:00.000Z');
    await tick();
    expect(await reviewsOf(app.id)).toHaveLength(1);
    const again = await decide(deletion(app.id));
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({ code: 'RETENTION_DECISION_INVALID' });
  });

  it('deletes nothing before the period has run, nor while the record is open; once due, whether or not the job has marked it yet', async () => {
    const app = await withdrawn();
    t.clock.set('2031-03-02T09:59:59.999Z');
    await tick();
    const early = await decide(deletion(app.id));
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'RETENTION_NOT_DUE', detail: 'The application is kept until 2 Mar 2031 10:00 GMT, when it is due for review; it may be deleted before then only as data acquired in error.' });

    const open = await createApplication(t);
    const refused = await decide(deletion(open.id));
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'RETENTION_DECISION_INVALID' });

    expect(await countRows('retention_decision', 'record_id IN ($1, $2)', [app.id, open.id])).toBe(0);
    expect(await formOf(app.id)).not.toMatch(/^\{\}$/);

    t.clock.set(DUE_AT);
    expect(await reviewsOf(app.id)).toEqual([]);
    expect((await decide(deletion(app.id))).status).toBe(201);
    expect(await formOf(app.id)).toMatch(/^\{\}$/);
  });

  it('refuses to delete while a legal hold stands, and deletes once it is released', async () => {
    const app = await withdrawn();
    t.clock.set(DUE_AT);
    await tick();
    const placed = await t
      .http()
      .post('/retention/holds')
      .set('authorization', await as('sro'))
      .send({ recordType: 'application', recordId: app.id, kind: 'tribunalComplaint', reason: 'IPT complaint 2031/0042 names this acquisition.' });
    expect(placed.status).toBe(201);
    const hold = placed.body as { id: string };

    const held = await decide(deletion(app.id));
    expect(held.status).toBe(409);
    expect(held.body).toMatchObject({ code: 'RETENTION_LEGAL_HOLD', detail: expect.stringContaining('IPT complaint 2031/0042') });
    expect(await countRows('retention_decision', 'record_id = $1', [app.id])).toBe(0);
    expect(await formOf(app.id)).not.toMatch(/^\{\}$/);

    const released = await t.http().post(`/retention/holds/${hold.id}/release`).set('authorization', await as('sro')).send({ reason: 'The Tribunal has determined the complaint.' });
    expect(released.status).toBe(201);
    expect(released.body).toMatchObject({ id: hold.id, releasedAt: DUE_AT, releaseReason: 'The Tribunal has determined the complaint.' });
    const twice = await t.http().post(`/retention/holds/${hold.id}/release`).set('authorization', await as('sro')).send({ reason: 'Again.' });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'RETENTION_HOLD_RELEASED' });

    expect((await decide(deletion(app.id))).status).toBe(201);
    expect(await formOf(app.id)).toMatch(/^\{\}$/);
  });

  it('retains a record with a reason until the date it sets, then marks it for review again', async () => {
    const app = await withdrawn();
    t.clock.set(DUE_AT);
    await tick();
    const retain = { recordType: 'application', recordId: app.id, decision: 'retain', reason: 'A linked trial is listed for 2032.' };
    const missing = await decide(retain);
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'reviewAgainAt' })] });

    const kept = await decide({ ...retain, reviewAgainAt: '2032-06-01T00:00:00+01:00' });
    expect(kept.status).toBe(201);
    const { decision, certificate } = kept.body as Decided;
    expect(certificate).toBeNull();
    expect(decision).toMatchObject({ decision: 'retain', reviewAgainAt: '2032-05-31T23:00:00.000Z' });
    expect(await reviewsOf(app.id)).toEqual([{ due_at: DUE_AT, decision_id: decision.id }]);
    expect(await formOf(app.id)).not.toMatch(/^\{\}$/);
    // Retained: no longer due, so not deletable until it is marked again.
    expect((await decide(deletion(app.id))).status).toBe(409);

    // A later decision to retain may bring the date forward: the latest one is what counts.
    t.clock.set('2031-06-01T00:00:00.000Z');
    const sooner = await decide({ ...retain, reason: 'The trial was brought forward.', reviewAgainAt: '2031-09-01T00:00:00Z' });
    expect(sooner.status).toBe(201);
    t.clock.set('2031-08-31T23:59:59.999Z');
    await tick();
    expect(await reviewsOf(app.id)).toHaveLength(1);
    t.clock.set('2031-09-01T00:00:00.000Z');
    await tick();
    expect(await reviewsOf(app.id)).toEqual([
      { due_at: DUE_AT, decision_id: decision.id },
      { due_at: '2031-09-01T00:00:00.000Z', decision_id: null },
    ]);
  });

  it('destroys data acquired in error before its period has run, naming the register entry on the certificate', async () => {
    const { mobile } = await sentRequests(t, await cspIds(t));
    await sendEvent(t, mobile, { type: 'CANCEL', reason: 'Wrong number: two digits transposed.' });
    const entry = await createError(t, 'spoc', undefined, { disclosureRequestIds: [mobile.id] });
    const body = { recordType: 'disclosure_request', recordId: mobile.id, decision: 'delete', reason: 'Acquired in error: destroyed as the Code requires.' };

    const recordable = await errorStep(t, 'spoc', entry, { type: 'ASSESS', kind: 'recordableError' });
    const notAcquired = await decide({ ...body, acquiredInErrorId: recordable.id });
    expect(notAcquired.status).toBe(400);
    expect(notAcquired.body).toMatchObject({ errors: [expect.objectContaining({ field: 'acquiredInErrorId' })] });

    const relevant = await createError(t, 'spoc', undefined, { disclosureRequestIds: [mobile.id] });
    await errorStep(t, 'spoc', relevant, { type: 'ASSESS', kind: 'relevantError' });
    const res = await decide({ ...body, acquiredInErrorId: relevant.id });
    expect(res.status).toBe(201);
    const { decision, certificate } = res.body as Decided;
    expect(certificate).toMatchObject({ decision: { id: decision.id }, recordId: mobile.id, deletedFields: ['items'], acquiredInErrorId: relevant.id });
    const [items] = await rawSql<{ items: unknown }>(t, 'SELECT items FROM disclosure_request WHERE id = $1', [mobile.id]);
    expect(String(items?.items)).toBe('[]');
    const verify = await t.http().get(`/disclosure-requests/${mobile.id}/history/verify`).set('authorization', await as('spoc')).expect(200);
    expect(verify.body).toMatchObject({ valid: true });
  });

  it('deletes an imported RIPA record’s particulars, and the certificate says so', async () => {
    const imported = await t.http().post('/admin/ripa-records').set('authorization', await as('admin')).send([ripaRecord()]);
    expect(imported.status).toBe(201);
    const [{ id }] = (imported.body as { items: { id: string }[] }).items;
    t.clock.set(DUE_AT);
    const res = await decide(deletion(id, { reason: 'An old RIPA record past its five years.' }));
    expect(res.status).toBe(201);
    expect((res.body as Decided).certificate).toMatchObject({ deletedFields: ['form', 'spocSection', 'ripa'] });
    const [row] = await rawSql<{ ripa: string | null }>(t, 'SELECT ripa FROM application WHERE id = $1', [id]);
    expect(row?.ripa ?? null).toBeNull();
    expect(await verifyOf(t, 'spoc', id)).toMatchObject({ valid: true });
  });

  it('is the SRO’s own authority’s: another force’s SRO finds nothing, and no one else may decide', async () => {
    const app = await withdrawn();
    t.clock.set(DUE_AT);
    await tick();
    const denials = () => countRows('security_event', "kind = 'denied'");
    const before = await denials();
    const other = await decide(deletion(app.id), 'other-sro');
    expect(other.status).toBe(404);
    expect(await denials()).toBe(before + 1);
    expect((await t.http().get(`/retention/records/application/${app.id}`).set('authorization', await as('other-sro'))).status).toBe(404);
    expect(await countRows('security_event', "kind = 'denied' AND subject_id = $1", [app.id])).toBe(1);
    for (const user of ['applicant', 'spoc', 'admin', 'inspector']) expect((await decide(deletion(app.id), user)).status).toBe(403);
    expect(await countRows('retention_decision', 'record_id = $1', [app.id])).toBe(0);
    expect(await formOf(app.id)).not.toMatch(/^\{\}$/);
  });

  it('keeps holds, releases and certificates as written: the database refuses to change them', async () => {
    const app = await withdrawn();
    t.clock.set(DUE_AT);
    await tick();
    const decided = (await decide(deletion(app.id))).body as Decided;
    await expect(rawSql(t, 'UPDATE destruction_certificate SET deleted_fields = $1 WHERE id = $2', ['[]', decided.certificate?.id])).rejects.toThrow();
    await expect(rawSql(t, 'DELETE FROM destruction_certificate WHERE id = $1', [decided.certificate?.id])).rejects.toThrow();
    await expect(rawSql(t, 'DELETE FROM retention_decision WHERE id = $1', [decided.decision.id])).rejects.toThrow();
  });
});
