import { ApplicationDeadlines } from '../src/applications/application-deadlines.service';
import { OutboxEventEntity } from '../src/outbox/outbox-event.entity';
import { AppRecord, completeForm, createApplication, GRANT_DECISION, JOURNALISTIC_SOURCE, SPOC_SECTION, sendEvent, step, DSO_SPOC_EXCEPTION } from './support/applications';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

/** Time in law over HTTP (issue 5): expiry by the poller, oral grants' written records, renewal. */
describe(`deadlines and renewal (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  let ids: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    ids = {};
    for (const u of ['dso', 'spoc', 'applicant']) {
      const res = await t.http().post('/auth/login').send({ username: u, password: 'Demo-Password-2026' }).expect(200);
      ids[u] = (res.body as { user: { id: string } }).user.id;
    }
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set('2026-03-02T10:00:00.000Z'));

  async function authorised(form = completeForm()): Promise<AppRecord> {
    let app = await createApplication(t, 'applicant', form);
    app = await step(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
    app = await step(t, 'spoc', app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
    return step(t, 'ocda', app, { type: 'GRANT', decision: GRANT_DECISION });
  }

  async function get(id: string): Promise<AppRecord> {
    const res = await t.http().get(`/applications/${id}`).set('authorization', `Bearer ${await t.token('spoc')}`).expect(200);
    return res.body as AppRecord;
  }

  async function historyLength(id: string): Promise<number> {
    const res = await t.http().get(`/applications/${id}/history`).set('authorization', `Bearer ${await t.token('spoc')}`).expect(200);
    return (res.body as { items: unknown[] }).items.length;
  }

  /** An urgent application granted orally, the SPOC recording it on the named DSO's behalf. */
  async function oralGrant(): Promise<AppRecord> {
    let app = await createApplication(
      t,
      'applicant',
      completeForm({ route: 'dso61A', priorityGrade: 'grade1', urgencyJustification: 'A missing child at risk tonight.' }),
    );
    app = await step(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
    app = await step(t, 'spoc', app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
    const decidedAt = t.clock.now().toISOString();
    return step(t, 'spoc', app, { type: 'GRANT', decision: { ...GRANT_DECISION, oral: true, deciderId: ids.dso, decidedAt, findings: DSO_SPOC_EXCEPTION } });
  }

  it('sets validity at GRANT by the statute’s month: 2 Mar 10:00 → end of 1 Apr London time', async () => {
    const app = await authorised();
    expect(app).toMatchObject({ validFrom: '2026-03-02T10:00:00.000Z', expiresAt: '2026-04-01T22:59:59.999Z' });
  });

  it('refuses at GRANT a data item whose period ends after the authorisation would, naming it', async () => {
    const form = completeForm();
    const items = form.dataItems as Record<string, unknown>[];
    items.push({ ...items[0], ref: 'd2', periodKind: 'future', periodStart: '2026-03-02T00:00:00Z', periodEnd: '2026-04-02T00:00:00+01:00' });
    let app = await createApplication(t, 'applicant', form);
    app = await step(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
    app = await step(t, 'spoc', app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
    const res = await sendEvent(t, 'ocda', app, { type: 'GRANT', decision: GRANT_DECISION });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'DATA_PERIOD_BEYOND_VALIDITY',
      errors: [{ field: 'dataItems[1].periodEnd', code: 'DATA_PERIOD_BEYOND_VALIDITY' }],
    });
    expect(res.body.detail).toContain('d2');
  });

  it('EXPIRE fires once per application under two concurrent pollers, and not before expiresAt', async () => {
    const apps = [await authorised(), await authorised(), await authorised()];
    const poller = t.app.get(ApplicationDeadlines);
    t.clock.set('2026-04-01T22:59:59.998Z');
    expect((await poller.tick()).expired).toEqual([]);
    t.clock.set('2026-04-01T22:59:59.999Z');
    const [a, b] = await Promise.all([poller.tick(), poller.tick()]);
    const expired = [...a.expired, ...b.expired];
    expect(new Set(expired).size).toBe(expired.length); // no application expired twice
    expect(expired).toEqual(expect.arrayContaining(apps.map((x) => x.id)));
    for (const app of apps) {
      const now = await get(app.id);
      expect(now).toMatchObject({ status: 'expired', version: 5 });
      expect(await historyLength(app.id)).toBe(5);
    }
    expect((await poller.tick()).expired).toEqual([]);
  });

  it('an oral urgent grant recorded by the SPOC names the DSO and sets the written record due at the end of the next working day', async () => {
    t.clock.set('2026-04-02T15:00:00.000Z'); // Thursday before Good Friday (3 Apr) and Easter Monday (6 Apr)
    const app = await oralGrant();
    expect(app).toMatchObject({ status: 'authorised', oralGrant: true, grantedById: ids.dso });
    expect(app.writtenRecordDueAt).toBe('2026-04-07T22:59:59.999Z');
    expect(app.expiresAt).toBe('2026-04-04T22:59:59.999Z'); // end of the third day beginning with the grant
    const notTheDso = await sendEvent(t, 'other-dso', app, { type: 'RECORD_WRITTEN', writtenRecord: 'x' });
    expect(notTheDso.status).toBe(404);
    const recorded = await step(t, 'dso', app, { type: 'RECORD_WRITTEN', writtenRecord: 'Written record of my oral grant.' });
    expect(recorded).toMatchObject({ status: 'authorised', writtenRecordDueAt: null, version: app.version + 1 });
  });

  it('refuses CLOSE while the written record is outstanding, then allows it once recorded (RECORD_WRITTEN in cancelled)', async () => {
    let app = await oralGrant();
    // On dso61A only the DSO who granted may cancel (IPA s.65(4)).
    app = await step(t, 'dso', app, { type: 'CANCEL', reason: 'Child found safe.' });
    const refused = await sendEvent(t, 'spoc', app, { type: 'CLOSE', reason: 'done' });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('WRITTEN_RECORD_OUTSTANDING');
    app = await step(t, 'dso', app, { type: 'RECORD_WRITTEN', writtenRecord: 'Written record.' });
    expect(app.status).toBe('cancelled');
    app = await step(t, 'spoc', app, { type: 'CLOSE', reason: 'Complete.' });
    expect(app.status).toBe('closed');
  });

  it('a written record overdue raises exactly one outbox event, whatever the number of polls', async () => {
    const app = await oralGrant();
    const poller = t.app.get(ApplicationDeadlines);
    const count = () =>
      t.uow.read((m) => m.count(OutboxEventEntity, { where: { type: 'writtenRecordOverdue' } }));
    const before = await count();
    t.clock.set(app.writtenRecordDueAt as string);
    const [a, b] = await Promise.all([poller.tick(), poller.tick()]);
    expect([...a.writtenRecordOverdue, ...b.writtenRecordOverdue]).toEqual([app.id]);
    await poller.tick();
    t.clock.advance(86_400_000);
    await poller.tick();
    expect((await count()) - before).toBe(1);
  });

  it('counts validity from the decision time a SPOC records for OCDA, and refuses a decision whose month has already ended', async () => {
    // Submitted on 5 February and recorded on 20 March: OCDA's decision may be dated anywhere between.
    t.clock.set('2026-02-05T10:00:00.000Z');
    let app = await createApplication(t, 'applicant', completeForm());
    app = await step(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
    app = await step(t, 'spoc', app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
    t.clock.set('2026-03-20T10:00:00.000Z');
    const ocdaRecord = { ...GRANT_DECISION, ocdaReference: 'OCDA-2026-777', deciderName: 'A. Officer' };
    const expiredOnArrival = await sendEvent(t, 'spoc', app, { type: 'GRANT', decision: { ...ocdaRecord, decidedAt: '2026-02-10T09:00:00+00:00' } });
    expect(expiredOnArrival.status).toBe(422);
    expect(expiredOnArrival.body.code).toBe('VALIDITY_ALREADY_ENDED');
    const granted = await step(t, 'spoc', app, { type: 'GRANT', decision: { ...ocdaRecord, decidedAt: '2026-03-18T09:00:00+00:00' } });
    // Granted on 18 March (recorded on the 20th): ends at the end of 17 April, not 19 April.
    expect(granted).toMatchObject({ validFrom: '2026-03-18T09:00:00.000Z', expiresAt: '2026-04-17T22:59:59.999Z' });
  });

  it('a direct decider’s own decidedAt is ignored: the grant is when they send it', async () => {
    let app = await createApplication(t, 'applicant', completeForm());
    app = await step(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
    app = await step(t, 'spoc', app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
    const granted = await step(t, 'ocda', app, { type: 'GRANT', decision: { ...GRANT_DECISION, decidedAt: '2030-01-01T00:00:00Z' } });
    expect(granted).toMatchObject({ validFrom: '2026-03-02T10:00:00.000Z', expiresAt: '2026-04-01T22:59:59.999Z' });
    expect((granted.decision as { decidedAt: string }).decidedAt).toBe('2026-03-02T10:00:00.000Z');
  });

  it('a Judicial Commissioner cannot approve once the authorisation’s validity has run out', async () => {
    let app = await createApplication(t, 'applicant', completeForm(JOURNALISTIC_SOURCE));
    app = await step(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
    app = await step(t, 'spoc', app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
    app = await step(t, 'ocda', app, { type: 'GRANT', decision: GRANT_DECISION });
    expect(app.status).toBe('awaitingJudicialApproval');
    t.clock.set(app.expiresAt as string);
    const late = await sendEvent(t, 'jc', app, { type: 'JC_APPROVE' });
    expect(late.status).toBe(422);
    expect(late.body.code).toBe('AUTHORISATION_EXPIRED');
  });

  describe('renewal', () => {
    it('is a linked draft, prefilled; granted before expiry it starts where the original ends', async () => {
      const original = await authorised();
      const res = await t.http().post(`/applications/${original.id}/renewal`).set('authorization', `Bearer ${await t.token('applicant')}`).expect(201);
      let renewal = res.body as AppRecord;
      expect(renewal).toMatchObject({ status: 'draft', renewalOf: original.id, version: 1 });
      expect(renewal.form).toMatchObject({ operationName: 'Op Kestrel', renewalOf: original.id });
      t.clock.set('2026-03-25T09:00:00.000Z');
      renewal = await step(t, 'applicant', renewal, { type: 'SUBMIT_TO_SPOC' });
      renewal = await step(t, 'spoc', renewal, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
      renewal = await step(t, 'ocda', renewal, { type: 'GRANT', decision: GRANT_DECISION });
      // The original ends at the end of 1 April; the renewed month begins on 2 April and ends at the end of 1 May.
      expect(renewal).toMatchObject({ status: 'authorised', validFrom: '2026-04-01T23:00:00.000Z', expiresAt: '2026-05-01T22:59:59.999Z' });
    });

    it('granted after the original expired is refused with RENEWAL_TOO_LATE', async () => {
      const original = await authorised();
      const res = await t.http().post(`/applications/${original.id}/renewal`).set('authorization', `Bearer ${await t.token('applicant')}`).expect(201);
      let renewal = res.body as AppRecord;
      renewal = await step(t, 'applicant', renewal, { type: 'SUBMIT_TO_SPOC' });
      renewal = await step(t, 'spoc', renewal, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
      t.clock.set('2026-04-01T23:00:00.000Z');
      const late = await sendEvent(t, 'ocda', renewal, { type: 'GRANT', decision: GRANT_DECISION });
      expect(late.status).toBe(422);
      expect(late.body.code).toBe('RENEWAL_TOO_LATE');
    });

    it('cannot be granted once the original was cancelled, nor moved onto dso61A by an edit', async () => {
      const original = await authorised();
      const res = await t.http().post(`/applications/${original.id}/renewal`).set('authorization', `Bearer ${await t.token('applicant')}`).expect(201);
      let renewal = res.body as AppRecord;
      const urgent = await t
        .http()
        .patch(`/applications/${renewal.id}`)
        .set('authorization', `Bearer ${await t.token('applicant')}`)
        .set('If-Match', String(renewal.version))
        .send({ route: 'dso61A' });
      expect(urgent.status).toBe(422);
      expect(urgent.body.code).toBe('RENEWAL_NOT_RENEWABLE');
      renewal = await step(t, 'applicant', renewal, { type: 'SUBMIT_TO_SPOC' });
      renewal = await step(t, 'spoc', renewal, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
      await step(t, 'applicant', await get(original.id), { type: 'CANCEL', reason: 'Suspect charged.' });
      const afterCancel = await sendEvent(t, 'ocda', renewal, { type: 'GRANT', decision: GRANT_DECISION });
      expect(afterCancel.status).toBe(422);
      expect(afterCancel.body.code).toBe('RENEWAL_TOO_LATE');
    });

    it('is refused for dso61A, for anyone but the applicant of record, and outside authorised', async () => {
      const urgent = await oralGrant();
      const dso61A = await t.http().post(`/applications/${urgent.id}/renewal`).set('authorization', `Bearer ${await t.token('applicant')}`);
      expect(dso61A.status).toBe(422);
      expect(dso61A.body.code).toBe('RENEWAL_NOT_RENEWABLE');
      const original = await authorised();
      const bySpoc = await t.http().post(`/applications/${original.id}/renewal`).set('authorization', `Bearer ${await t.token('spoc')}`);
      expect(bySpoc.status).toBe(403);
      const draft = await createApplication(t);
      const early = await t.http().post(`/applications/${draft.id}/renewal`).set('authorization', `Bearer ${await t.token('applicant')}`);
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('RENEWAL_NOT_ALLOWED');
    });
  });
});
