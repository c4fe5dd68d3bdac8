/**
 * Issue 19's acceptance: "every rule shown on a page comes from the same guard code as the API (a test changes a
 * guard's outcome and sees both the API and the page change)". On both databases.
 *
 * How the outcome is changed: `jest.spyOn(APPLICATION_GUARDS, 'SERIOUS_CRIME_THRESHOLD')`, the entry of the one guard
 * registry (src/workflow/application.policy.ts) that the engine, the machine and the review's checks
 * (src/applications/application-checks.ts) all look the guard up in when they run it. The application in the test
 * passes the real guard; the stand-in refuses it. The API (GET `blockedEvents`, POST `/events`) and the pages (the
 * review's checks, the send-for-authorisation page and its form's refusal) change together, and change back when
 * the real guard is restored. A second test flips the same guard the ordinary way, by changing the record.
 */
import { ApplicationEventEntity } from '../../src/applications/application-event.entity';
import { APPLICATION_RULE_CATALOGUE } from '../../src/workflow/application-guards.rule-codes';
import { APPLICATION_GUARDS } from '../../src/workflow/application.policy';
import { type AppRecord, completeForm, createApplication, patchApplication, sendEvent, SPOC_SECTION, step } from '../support/applications';
import { createTestApp, isPostgres, type TestApp } from '../support/test-app';
import { hiddenField, webAgent } from '../support/web-session';
import type TestAgent from 'supertest/lib/agent';

const CHANGED = 'changed by the test: no offence meets the serious-crime test';
const RULE = APPLICATION_RULE_CATALOGUE.SERIOUS_CRIME_THRESHOLD_NOT_MET;
const EVENTS_ITEM = {
  ref: 'd1',
  identifierRef: 'id1',
  category: 'events',
  subtype: 'callDataRecords',
  periodKind: 'historic',
  periodStart: '2026-03-01T00:00:00+00:00',
  periodEnd: '2026-03-02T00:00:00+00:00',
  csp: 'Vodafone',
  icrCondition: null,
};

/** The review's row for the serious-crime check. */
function seriousCrimeRow(html: string): string {
  const row = html.split('<tr').find((r) => r.includes('data-check="SERIOUS_CRIME_THRESHOLD"'));
  if (!row) throw new Error('the review has no serious-crime check');
  return row;
}

describe(`the pages and the API run the same guards (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  let spoc: TestAgent;

  beforeAll(async () => {
    t = await createTestApp();
    spoc = await webAgent(t, 'spoc');
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  async function api(id: string): Promise<AppRecord> {
    const res = await t.http().get(`/applications/${id}`).set('authorization', `Bearer ${await t.token('spoc')}`).expect(200);
    return res.body as AppRecord;
  }

  const historyRows = (id: string) => t.dataSource.getRepository(ApplicationEventEntity).countBy({ applicationId: id });

  /** What the API and the pages say of sending `app` for authorisation now. */
  async function bothSay(app: AppRecord) {
    const record = await api(app.id);
    const review = await spoc.get(`/web/applications/${app.id}/review`).expect(200);
    const sendPage = await spoc.get(`/web/applications/${app.id}/send-for-authorisation`).expect(200);
    return {
      apiAllows: record.allowedEvents.includes('SUBMIT_FOR_AUTHORISATION'),
      apiBlocks: (record.blockedEvents as { event: string; code: string; message: string }[]).find((b) => b.event === 'SUBMIT_FOR_AUTHORISATION') ?? null,
      reviewRow: seriousCrimeRow(review.text),
      reviewText: review.text,
      sendPage: sendPage.text,
    };
  }

  it('a guard changed in the registry changes the API’s answer and the pages’ together, and back', async () => {
    let app = await createApplication(t, 'applicant', completeForm());
    app = await step(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
    // A form shown while the guard still passed, posted after it changed.
    const form = await spoc.get(`/web/applications/${app.id}/send-for-authorisation`).expect(200);

    const before = await bothSay(app);
    expect(before.apiAllows).toBe(true);
    expect(before.reviewRow).toContain('data-result="passed"');
    expect(before.sendPage).toContain('name="spoc-spocAdvice"');

    const spy = jest
      .spyOn(APPLICATION_GUARDS, 'SERIOUS_CRIME_THRESHOLD')
      .mockReturnValue({ code: 'SERIOUS_CRIME_THRESHOLD_NOT_MET', detail: CHANGED, fields: ['offences'] });

    const during = await bothSay(app);
    // The API: blocked with the rule, and an event sent anyway refused with it.
    expect(during.apiAllows).toBe(false);
    expect(during.apiBlocks).toEqual({ event: 'SUBMIT_FOR_AUTHORISATION', code: 'SERIOUS_CRIME_THRESHOLD_NOT_MET', message: CHANGED });
    const refused = await sendEvent(t, 'spoc', app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
    expect({ status: refused.status, code: refused.body.code, detail: refused.body.detail }).toEqual({ status: 422, code: 'SERIOUS_CRIME_THRESHOLD_NOT_MET', detail: CHANGED });
    // The review: the check failed, with the guard's detail, the rule's words and its citation.
    expect(during.reviewRow).toContain('data-result="failed"');
    expect(during.reviewRow).toContain(`Found: ${CHANGED}`);
    expect(during.reviewRow).toContain(RULE.message);
    expect(during.reviewRow).toContain(`Law: ${RULE.citation}`);
    expect(during.reviewText).toContain(`<strong>Sent for authorisation:</strong> ${CHANGED}`);
    // The send-for-authorisation page no longer offers the form, and says why.
    expect(during.sendPage).toContain(`You cannot send it for authorisation now. A rule stops it: ${CHANGED}.`);
    expect(during.sendPage).not.toContain('name="spoc-spocAdvice"');
    // The form shown before is refused by the same rule, shown on the form, and changes nothing.
    const rows = await historyRows(app.id);
    const posted = await spoc
      .post(`/web/applications/${app.id}/send-for-authorisation`)
      .type('form')
      .send({
        _csrf: hiddenField(form.text, '_csrf'),
        idempotencyKey: hiddenField(form.text, 'idempotencyKey'),
        version: hiddenField(form.text, 'version'),
        'spoc-spocAdvice': SPOC_SECTION.spocAdvice,
        'spoc-acquisitionMethod': SPOC_SECTION.acquisitionMethod,
      });
    expect(posted.status).toBe(422);
    expect(posted.text).toContain('govuk-error-summary');
    expect(posted.text).toContain(`<a href="#checks">${RULE.message}</a>`);
    expect(seriousCrimeRow(posted.text)).toContain('data-result="failed"');
    expect(await historyRows(app.id)).toBe(rows);
    expect(spy).toHaveBeenCalled();

    spy.mockRestore();

    const after = await bothSay(app);
    expect(after.apiAllows).toBe(true);
    expect(after.apiBlocks).toBeNull();
    expect(after.reviewRow).toContain('data-result="passed"');
    expect(after.sendPage).toContain('name="spoc-spocAdvice"');
    // The very same form now goes through: the refusal stored nothing under its key.
    const sent = await spoc
      .post(`/web/applications/${app.id}/send-for-authorisation`)
      .type('form')
      .send({
        _csrf: hiddenField(form.text, '_csrf'),
        idempotencyKey: hiddenField(form.text, 'idempotencyKey'),
        version: hiddenField(form.text, 'version'),
        'spoc-spocAdvice': SPOC_SECTION.spocAdvice,
        'spoc-acquisitionMethod': SPOC_SECTION.acquisitionMethod,
      });
    expect(sent.status).toBe(303);
    expect((await api(app.id)).status).toBe('awaitingAuthorisation');
  });

  it('the same guard flipped by the record (a 3-month offence, events data) changes both the same way', async () => {
    let app = await createApplication(t, 'applicant', completeForm({ dataItems: [EVENTS_ITEM] }));
    app = await step(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
    expect((await bothSay(app)).apiAllows).toBe(true);
    app = await step(t, 'spoc', app, { type: 'RETURN_TO_APPLICANT', reason: 'Which offence is it?' });
    app = await patchApplication(t, 'applicant', app, { offences: [{ description: 'Minor damage', maxSentenceAdultMonths: 3 }], seriousCrimeBasis: 'twelveMonthsPlus' });
    app = await step(t, 'applicant', app, { type: 'RESUBMIT' });
    const during = await bothSay(app);
    expect(during.apiBlocks).toMatchObject({ code: 'SERIOUS_CRIME_THRESHOLD_NOT_MET' });
    expect(during.reviewRow).toContain('data-result="failed"');
    expect(during.reviewRow).toContain(`Found: ${during.apiBlocks?.message}`);
    expect(during.sendPage).toContain(`A rule stops it: ${during.apiBlocks?.message}.`);
  });
});
