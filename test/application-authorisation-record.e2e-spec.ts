/**
 * What a grant must say, when a recorded decision may be dated, and who sees an application once it has
 * gone for authorisation, over HTTP on both drivers (docs/law.md §1 need-to-know, §2.3 "No backdated
 * decisions", §3.7; docs/architecture.md §7.1 footnotes ¹ ²). Every refusal here also changes nothing
 * (`expectRefusedEvent`: the row, its history and the outbox are as they were).
 */
import { AuthorisationSubmissions1763940000000 } from '../migrations/1763940000000-authorisation-submissions';
import { type AppRecord, completeForm, createApplication, DSO_SPOC_EXCEPTION, GRANT_DECISION, patchApplication, SPOC_SECTION, step } from './support/applications';
import { userId } from './support/authz-fixtures';
import { expectNoBusinessChange, expectProblem, expectRefusedEvent } from './support/guards-no-change';
import { rawSql } from './support/lifecycle-http';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

const SFA = { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION };
/** A police force's dso61 route serves national security (IPA Sch 4), which needs no offence. */
const DSO61 = { route: 'dso61', statutoryPurpose: 'nationalSecurity', offences: null, seriousCrimeBasis: null };
/** The urgent route without a SPOC (IPA s.61A, s.76(2)). */
const URGENT = {
  route: 'dso61A',
  priorityGrade: 'grade1',
  urgencyJustification: 'A missing child is believed to be with the suspect tonight.',
  exceptionalCircumstances: 'No SPOC on duty could be reached in time.',
};
/** OCDA's decision as a SPOC records it from OCDA's own system, without its time (each test dates it). */
const OCDA_DECISION = { ...GRANT_DECISION, officeRank: 'OCDA Authorising Officer', ocdaReference: 'OCDA-2026-4242', deciderName: 'Quinn Officer' };

describe(`the authorisation's record and sight (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set('2026-03-02T10:00:00.000Z'));

  const at = (iso: string) => t.clock.set(iso);
  const now = () => t.clock.now().toISOString();

  async function get(user: string, id: string) {
    return t.http().get(`/applications/${id}`).set('authorization', `Bearer ${await t.token(user)}`);
  }

  async function listedFor(user: string, id: string): Promise<boolean> {
    const res = await t.http().get('/applications?pageSize=100').set('authorization', `Bearer ${await t.token(user)}`).expect(200);
    return (res.body as { items: { id: string }[] }).items.some((item) => item.id === id);
  }

  const patch = (user: string, app: { id: string; version: number }, body: Record<string, unknown>) => patchApplication(t, user, app, body);

  /** A draft of `form` submitted to the SPOC and by them for authorisation, at the clock's time. */
  async function awaiting(form: Record<string, unknown> = {}): Promise<AppRecord> {
    let app = await createApplication(t, 'applicant', completeForm(form));
    app = await step(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
    return step(t, 'spoc', app, SFA);
  }

  /** An urgent draft sent straight to the DSO (no SPOC), at the clock's time. */
  async function urgentAwaiting(): Promise<AppRecord> {
    const app = await createApplication(t, 'applicant', completeForm(URGENT));
    return step(t, 'applicant', app, { type: 'SUBMIT_URGENT_WITHOUT_SPOC' });
  }

  /** OCDA sees the application: GET, history and the list. */
  async function expectOcdaSees(id: string): Promise<void> {
    expect((await get('ocda', id)).status).toBe(200);
    await t.http().get(`/applications/${id}/history`).set('authorization', `Bearer ${await t.token('ocda')}`).expect(200);
    expect(await listedFor('ocda', id)).toBe(true);
  }

  /** OCDA cannot see the application at all: 404 (never 403) and absent from its list. */
  async function expectOcdaBlind(app: AppRecord): Promise<void> {
    const res = await expectNoBusinessChange(t, app.id, () => get('ocda', app.id));
    expectProblem(res, 404, 'NOT_FOUND');
    const history = await t.http().get(`/applications/${app.id}/history`).set('authorization', `Bearer ${await t.token('ocda')}`);
    expectProblem(history, 404, 'NOT_FOUND');
    await expectRefusedEvent(t, 'ocda', app, { type: 'REQUEST_MORE_INFO', question: 'Which CSP?' }, 404, 'NOT_FOUND');
    expect(await listedFor('ocda', app.id)).toBe(false);
  }

  describe('what the authorisation must say (IPA s.64(1); docs/law.md §3.7)', () => {
    const without = (...fields: string[]) =>
      Object.fromEntries(Object.entries(GRANT_DECISION).filter(([key]) => !fields.includes(key)));

    it('refuses an OCDA grant that does not state the office, rank or position of the person granting: 422 AUTHORISATION_PARTICULARS_REQUIRED', async () => {
      const app = await awaiting();
      for (const officeRank of [undefined, '', '   ']) {
        const decision = officeRank === undefined ? without('officeRank') : { ...GRANT_DECISION, officeRank };
        const res = await expectRefusedEvent(t, 'ocda', app, { type: 'GRANT', decision }, 422, 'AUTHORISATION_PARTICULARS_REQUIRED');
        expect(res.body.errors).toEqual([{ field: 'decision.officeRank', message: res.body.detail, code: 'AUTHORISATION_PARTICULARS_REQUIRED' }]);
      }
    });

    it('refuses a DSO grant that does not describe the conduct authorised and the data: 422 AUTHORISATION_PARTICULARS_REQUIRED', async () => {
      const app = await awaiting(DSO61);
      const res = await expectRefusedEvent(t, 'dso', app, { type: 'GRANT', decision: without('conductAuthorised') }, 422, 'AUTHORISATION_PARTICULARS_REQUIRED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['decision.conductAuthorised']);
      expect(res.body.detail).toBe('the grant must describe the conduct authorised and the data to be obtained');
    });

    it('refuses an oral grant a SPOC records without either, naming both', async () => {
      const app = await urgentAwaiting();
      const decision = { ...without('officeRank', 'conductAuthorised'), oral: true, deciderId: await userId(t, 'dso'), decidedAt: now() };
      const res = await expectRefusedEvent(t, 'spoc', app, { type: 'GRANT', decision }, 422, 'AUTHORISATION_PARTICULARS_REQUIRED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['decision.officeRank', 'decision.conductAuthorised']);
    });

    it('keeps what a complete grant states on the record', async () => {
      const granted = await step(t, 'ocda', await awaiting(), { type: 'GRANT', decision: GRANT_DECISION });
      expect(granted.status).toBe('authorised');
      expect(granted.decision).toMatchObject({
        officeRank: GRANT_DECISION.officeRank,
        conductAuthorised: GRANT_DECISION.conductAuthorised,
        rationale: GRANT_DECISION.rationale,
      });
    });
  });

  describe('no backdated decisions (docs/law.md §2.3; IPA s.60A(1), s.65(1))', () => {
    it('refuses OCDA’s grant dated before the application existed: 422 DECISION_BEFORE_SUBMISSION', async () => {
      const app = await awaiting();
      const decision = { ...OCDA_DECISION, decidedAt: '2026-01-15T09:00:00+00:00' };
      const res = await expectRefusedEvent(t, 'spoc', app, { type: 'GRANT', decision }, 422, 'DECISION_BEFORE_SUBMISSION');
      expect(res.body.errors).toEqual([{ field: 'decision.decidedAt', message: res.body.detail, code: 'DECISION_BEFORE_SUBMISSION' }]);
      expect(res.body.detail).toBe(
        'the decision is dated 2026-01-15T09:00:00.000Z, before the application last went for authorisation at 2026-03-02T10:00:00.000Z',
      );
    });

    it('refuses OCDA’s grant, refusal or question dated later than now: 422 DECISION_IN_FUTURE', async () => {
      const app = await awaiting();
      const later = '2026-03-02T10:00:01+00:00';
      await expectRefusedEvent(t, 'spoc', app, { type: 'GRANT', decision: { ...OCDA_DECISION, decidedAt: later } }, 422, 'DECISION_IN_FUTURE');
      const refusal = { type: 'REFUSE', reason: 'Not proportionate.', decision: { ...OCDA_DECISION, decidedAt: later } };
      await expectRefusedEvent(t, 'spoc', app, refusal, 422, 'DECISION_IN_FUTURE');
      const question = { type: 'REQUEST_MORE_INFO', question: 'Why nine days?', decision: { ...OCDA_DECISION, decidedAt: '2026-03-02T11:00:00+01:00' } };
      expect((await step(t, 'spoc', app, question)).status).toBe('spocReview');
    });

    it('bounds the decision by the last submission, not the first: after OCDA’s question and the answer, an earlier date is refused', async () => {
      let app = await awaiting();
      at('2026-03-02T12:00:00.000Z');
      app = await step(t, 'spoc', app, { type: 'REQUEST_MORE_INFO', question: 'Why nine days?', decision: { ...OCDA_DECISION, decidedAt: '2026-03-02T11:30:00+00:00' } });
      at('2026-03-03T09:00:00.000Z');
      app = await step(t, 'spoc', app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: { ...SPOC_SECTION, spocAdvice: 'The phone was used on each of the nine days.' } });
      at('2026-03-03T15:00:00.000Z');
      const between = { ...OCDA_DECISION, decidedAt: '2026-03-02T16:00:00+00:00' };
      await expectRefusedEvent(t, 'spoc', app, { type: 'GRANT', decision: between }, 422, 'DECISION_BEFORE_SUBMISSION');
      const granted = await step(t, 'spoc', app, { type: 'GRANT', decision: { ...OCDA_DECISION, decidedAt: '2026-03-03T09:00:00+00:00' } });
      expect(granted).toMatchObject({ status: 'authorised', validFrom: '2026-03-03T09:00:00.000Z' });
    });

    it('an oral DSO grant a SPOC records carries its time: none is 422 DECISION_TIME_REQUIRED, before the submission or after now is refused too', async () => {
      at('2026-03-02T03:00:00.000Z');
      const app = await urgentAwaiting();
      at('2026-03-02T03:20:00.000Z');
      const oral = { ...GRANT_DECISION, officeRank: 'Superintendent', oral: true, deciderId: await userId(t, 'dso'), findings: DSO_SPOC_EXCEPTION };
      await expectRefusedEvent(t, 'spoc', app, { type: 'GRANT', decision: oral }, 422, 'DECISION_TIME_REQUIRED');
      await expectRefusedEvent(t, 'spoc', app, { type: 'GRANT', decision: { ...oral, decidedAt: '2026-03-02T02:59:00Z' } }, 422, 'DECISION_BEFORE_SUBMISSION');
      await expectRefusedEvent(t, 'spoc', app, { type: 'GRANT', decision: { ...oral, decidedAt: '2026-03-02T03:21:00Z' } }, 422, 'DECISION_IN_FUTURE');
      const granted = await step(t, 'spoc', app, { type: 'GRANT', decision: { ...oral, decidedAt: '2026-03-02T03:10:00Z' } });
      // The three days run from the oral grant at 03:10, not from its recording at 03:20.
      expect(granted).toMatchObject({ status: 'authorised', oralGrant: true, validFrom: '2026-03-02T03:10:00.000Z' });
    });
  });

  describe('sight follows submission (docs/law.md §1 need-to-know)', () => {
    it('OCDA does not see a returned dso61 draft whose route was edited to ipc60A, until it is submitted to OCDA', async () => {
      let app = await awaiting(DSO61);
      app = await step(t, 'dso', app, { type: 'REQUEST_MORE_INFO', question: 'Is this a national-security matter at all?' });
      app = await step(t, 'spoc', app, { type: 'RETURN_TO_APPLICANT', reason: 'Not for the DSO: send it to OCDA.' });
      app = await patch('applicant', app, { route: 'ipc60A' });
      expect(app).toMatchObject({ status: 'returnedToApplicant', route: 'ipc60A' });
      await expectOcdaBlind(app);

      app = await step(t, 'applicant', app, { type: 'RESUBMIT' });
      await expectOcdaBlind(app);
      app = await step(t, 'spoc', app, SFA);
      expect(app.status).toBe('awaitingAuthorisation');
      await expectOcdaSees(app.id);
    });

    it('OCDA never sees an ipc60A application before it is submitted for authorisation', async () => {
      let app = await createApplication(t, 'applicant', completeForm());
      await expectOcdaBlind(app);
      app = await step(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
      await expectOcdaBlind(app);
    });

    it('an edit of the route gives no new sight: ipc60A → dso61 hides it from OCDA, and back to ipc60A shows OCDA only what was put to it', async () => {
      let app = await awaiting();
      await expectOcdaSees(app.id);
      app = await step(t, 'ocda', app, { type: 'REQUEST_MORE_INFO', question: 'Is this national security rather than crime?' });
      app = await step(t, 'spoc', app, { type: 'RETURN_TO_APPLICANT', reason: 'Reconsider the route.' });
      app = await patch('applicant', app, DSO61);
      await expectOcdaBlind(app);
      app = await patch('applicant', app, { route: 'ipc60A' });
      await expectOcdaSees(app.id);
    });
  });

  describe('the migration fills both times in from the history (migrations/1763940000000-authorisation-submissions.ts)', () => {
    it('gives existing applications the last submission and the first submission to OCDA the engine records', async () => {
      const routeEdited = await (async () => {
        let app = await awaiting(DSO61);
        at('2026-03-02T11:00:00.000Z');
        app = await step(t, 'dso', app, { type: 'REQUEST_MORE_INFO', question: 'Why not OCDA?' });
        app = await step(t, 'spoc', app, { type: 'RETURN_TO_APPLICANT', reason: 'Send it to OCDA.' });
        return patch('applicant', app, { route: 'ipc60A' });
      })();
      at('2026-03-02T12:00:00.000Z');
      const resubmitted = await (async () => {
        let app = await awaiting();
        at('2026-03-02T13:00:00.000Z');
        app = await step(t, 'ocda', app, { type: 'REQUEST_MORE_INFO', question: 'Which CSP?' });
        at('2026-03-02T14:00:00.000Z');
        return step(t, 'spoc', app, SFA);
      })();
      const draft = await createApplication(t);
      const ids = [routeEdited.id, resubmitted.id, draft.id];
      const columns = async () =>
        rawSql<{ id: string; last: string | null; ocda: string | null }>(
          t,
          `SELECT id, last_submitted_for_authorisation_at AS last, submitted_to_ocda_at AS ocda FROM application WHERE id IN ($1, $2, $3) ORDER BY created_at, id`,
          ids,
        );
      const recorded = await columns();
      expect(recorded.map(({ id, last, ocda }) => [ids.indexOf(id), last, ocda]).sort()).toEqual([
        [0, '2026-03-02T10:00:00.000Z', null],
        [1, '2026-03-02T14:00:00.000Z', '2026-03-02T12:00:00.000Z'],
        [2, null, null],
      ]);

      const runner = t.dataSource.createQueryRunner();
      try {
        const migration = new AuthorisationSubmissions1763940000000();
        await migration.down(runner);
        await migration.up(runner);
      } finally {
        await runner.release();
      }
      expect(await columns()).toEqual(recorded);
      await expectOcdaBlind(routeEdited);
      await expectOcdaSees(resubmitted.id);
    });
  });
});
