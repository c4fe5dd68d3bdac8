import { createApplication, GRANT_DECISION, SPOC_SECTION, sendEvent, step } from './support/applications';
import { createTestApp, type TestApp } from './support/test-app';

const URGENT_BLOCKED = { event: 'SUBMIT_URGENT_WITHOUT_SPOC', code: 'ROUTE_NOT_URGENT', message: 'only the dso61A route may skip the SPOC' };

describe('applications: record, lifecycle, history (issue 4)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates a draft with a URN, normalised identifiers and history row 1', async () => {
    const app = await createApplication(t);
    expect(app).toMatchObject({ status: 'draft', version: 1 });
    expect(app.urn).toMatch(/^TVP\/CD\/2026\/\d{6}$/);
    expect((app.form as { identifiers: { normalisedValue: string }[] }).identifiers[0].normalisedValue).toBe('+447911123456');
    // An ipc60A draft may not skip the SPOC: offered as blocked, with why (docs/architecture.md §7).
    expect(app).toMatchObject({ allowedEvents: ['SUBMIT_TO_SPOC', 'WITHDRAW'], blockedEvents: [URGENT_BLOCKED], conversation: [] });
  });

  it('walks draft → spocReview → awaitingAuthorisation → authorised with one history row per step', async () => {
    let app = await createApplication(t);
    app = await step(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
    expect(app.status).toBe('spocReview');
    app = await step(t, 'spoc', app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
    expect(app.status).toBe('awaitingAuthorisation');
    app = await step(t, 'ocda', app, { type: 'GRANT', decision: GRANT_DECISION });
    expect(app).toMatchObject({ status: 'authorised', version: 4 });
    expect(app.expiresAt).toBe('2026-04-01T22:59:59.999Z');
    const history = await t.http().get(`/applications/${app.id}/history`).set('authorization', `Bearer ${await t.token('spoc')}`).expect(200);
    expect((history.body as { items: unknown[] }).items).toHaveLength(4);
    const verify = await t.http().get(`/applications/${app.id}/history/verify`).set('authorization', `Bearer ${await t.token('spoc')}`).expect(200);
    expect(verify.body).toMatchObject({ valid: true, rows: 4 });
  });

  it('answers the error contract: 409 invalid transition, 428, stale 412, 404 outside need-to-know', async () => {
    const app = await createApplication(t);
    const forbidden = await sendEvent(t, 'applicant', app, { type: 'GRANT', decision: GRANT_DECISION });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('FORBIDDEN_ROLE');
    const invalid = await sendEvent(t, 'applicant', app, { type: 'RESUBMIT' });
    expect(invalid.status).toBe(409);
    expect(invalid.body).toMatchObject({
      code: 'WORKFLOW_INVALID_TRANSITION',
      allowedEvents: ['SUBMIT_TO_SPOC', 'WITHDRAW'],
      blockedEvents: [URGENT_BLOCKED],
    });
    const noIfMatch = await t.http().post(`/applications/${app.id}/events`).set('authorization', `Bearer ${await t.token('applicant')}`).send({ type: 'SUBMIT_TO_SPOC' });
    expect(noIfMatch.status).toBe(428);
    const staleRes = await sendEvent(t, 'applicant', { id: app.id, version: 7 }, { type: 'SUBMIT_TO_SPOC' });
    expect(staleRes.status).toBe(412);
    expect(staleRes.body.code).toBe('APPLICATION_STALE');
    const other = await t.http().get(`/applications/${app.id}`).set('authorization', `Bearer ${await t.token('other-spoc')}`);
    expect(other.status).toBe(404);
  });
});
