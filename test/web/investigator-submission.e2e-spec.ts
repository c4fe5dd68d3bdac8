/**
 * The investigator's pages through real HTTP (issue 19, item 3), without a browser: check your answers and
 * submission (once for a double submit, refused by the guards in words), answering a SPOC's return, the questions
 * in the conversation, withdrawing, renewing and recording the use made of the data.
 */
import type TestAgent from 'supertest/lib/agent';
import { completeForm, createApplication, GRANT_DECISION, SPOC_SECTION, step, type AppRecord } from '../support/applications';
import { acquireAndIssueFinalProduct } from '../support/lifecycle-http';
import { createTestApp, isPostgres, type TestApp } from '../support/test-app';
import { hiddenField, webAgent } from '../support/web-session';

interface HistoryItem {
  position: number;
  kind: string;
  eventType: string | null;
  toState: string;
}

/** The page's form, as a browser would post it: its CSRF token, Idempotency-Key and version, with `fields`. */
async function formOf(agent: TestAgent, path: string): Promise<Record<string, string>> {
  const page = await agent.get(path).expect(200);
  const envelope: Record<string, string> = { _csrf: hiddenField(page.text, '_csrf') ?? '' };
  for (const name of ['idempotencyKey', 'version', 'event']) {
    const value = hiddenField(page.text, name);
    if (value !== undefined) envelope[name] = value;
  }
  return envelope;
}

async function postPage(agent: TestAgent, path: string, fields: Record<string, string> = {}) {
  // The page first: the agent attaches its cookies when the POST is made, so the GET's must be in by then.
  const form = await formOf(agent, path);
  return agent.post(path).type('form').send({ ...form, ...fields });
}

type Record_ = AppRecord & { form: Record<string, unknown>; renewalOf: string | null; conversation: { eventType: string; changedFields: string[] }[] };

async function apiRecord(t: TestApp, id: string, user = 'applicant'): Promise<Record_> {
  const res = await t.http().get(`/applications/${id}`).set('authorization', `Bearer ${await t.token(user)}`).expect(200);
  return res.body as Record_;
}

async function historyOf(t: TestApp, id: string): Promise<HistoryItem[]> {
  const res = await t.http().get(`/applications/${id}/history`).set('authorization', `Bearer ${await t.token('applicant')}`).expect(200);
  return (res.body as { items: HistoryItem[] }).items;
}

/** An application granted by OCDA: authorised, so it can be renewed. */
async function authorised(t: TestApp): Promise<AppRecord> {
  let app = await createApplication(t);
  app = await step(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
  app = await step(t, 'spoc', app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
  return step(t, 'ocda', app, { type: 'GRANT', decision: GRANT_DECISION });
}

describe(`web pages: the investigator's submission and next steps (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  let agent: TestAgent;

  beforeAll(async () => {
    t = await createTestApp();
    agent = await webAgent(t, 'applicant');
  });
  afterAll(() => t.close());

  it('says what is missing before a draft can be submitted, each answer linked to its question page, and offers no submit button', async () => {
    const app = await createApplication(t, 'applicant', completeForm({ investigationRef: null, identifiers: null, dataItems: null }));
    const page = await agent.get(`/web/applications/${app.id}/check-answers`).expect(200);
    expect(page.text).toContain('You cannot submit yet');
    expect(page.text).toContain('These answers are missing:');
    expect(page.text).toContain(`<a class="govuk-link" href="/web/applications/${app.id}/form/about">Investigation reference</a>`);
    expect(page.text).toContain(`<a class="govuk-link" href="/web/applications/${app.id}/form/identifiers">Identifiers</a>`);
    expect(page.text).not.toContain('Submit to the SPOC');
    expect(page.text).not.toContain('investigationRef');
  });

  it('checks the answers with Change links, submits to the SPOC once however often the form is posted, and the application moves to spocReview', async () => {
    const app = await createApplication(t);
    const path = `/web/applications/${app.id}/check-answers`;
    const page = await agent.get(path).expect(200);
    expect(page.text).toContain('Check your answers before submitting');
    expect(page.text).toContain(`href="/web/applications/${app.id}/form/about"`);
    expect(page.text).toContain(`href="/web/applications/${app.id}/form/data"`);
    expect(page.text).toContain('+447911123456');
    expect(page.text).toContain('Submit to the SPOC');
    expect(hiddenField(page.text, 'event')).toBe('SUBMIT_TO_SPOC');
    const form = await formOf(agent, path);
    const first = await agent.post(path).type('form').send(form).expect(303);
    expect(first.headers.location).toBe(`/web/applications/${app.id}?done=submitted`);
    const second = await agent.post(path).type('form').send(form).expect(303);
    expect(second.headers.location).toBe(first.headers.location);
    expect((await apiRecord(t, app.id)).status).toBe('spocReview');
    const history = await historyOf(t, app.id);
    expect(history.filter((h) => h.eventType === 'SUBMIT_TO_SPOC')).toHaveLength(1);
    expect(history).toHaveLength(2);
    // Submitted, there is nothing more to submit.
    const after = await agent.get(path).expect(200);
    expect(after.text).toContain('There is nothing to submit: the application is with the spoc for review.');
  });

  it('refuses a submission without its CSRF token (403) and one made with a stale version on the page, in words', async () => {
    const app = await createApplication(t);
    const path = `/web/applications/${app.id}/check-answers`;
    const form = await formOf(agent, path);
    const withoutToken = Object.fromEntries(Object.entries(form).filter(([name]) => name !== '_csrf'));
    const forged = await agent.post(path).type('form').send(withoutToken).expect(403);
    expect(forged.text).toContain('You cannot do that');
    expect((await apiRecord(t, app.id)).status).toBe('draft');
    // Someone changes the record meanwhile: the page's version no longer matches.
    await t
      .http()
      .patch(`/applications/${app.id}`)
      .set('authorization', `Bearer ${await t.token('applicant')}`)
      .set('If-Match', String(app.version))
      .send({ operationName: 'Op Heron' })
      .expect(200);
    const stale = await agent.post(path).type('form').send(form).expect(412);
    expect(stale.text).toContain('govuk-error-summary');
    expect(stale.text).toContain('Someone changed this application after you opened this page.');
    expect((await apiRecord(t, app.id)).status).toBe('draft');
  });

  it('shows the SPOC’s return, lets the applicant change the answers and resubmit, and shows an authoriser’s question', async () => {
    let app = await createApplication(t);
    app = await step(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
    app = await step(t, 'spoc', app, { type: 'RETURN_TO_APPLICANT', reason: 'Explain why a whole day of subscriber data is needed.' });
    const path = `/web/applications/${app.id}/check-answers`;
    const page = await agent.get(path).expect(200);
    expect(page.text).toContain('What you were asked');
    expect(page.text).toContain('Explain why a whole day of subscriber data is needed.');
    expect(page.text).toContain('Check your answers before resubmitting');
    expect(page.text).toContain('Resubmit to the SPOC');
    const list = await agent.get('/web/applications').expect(200);
    expect(list.text).toContain('The SPOC returned it: change what they asked and resubmit it');

    const justification = `/web/applications/${app.id}/form/justification`;
    const changed = await postPage(agent, justification, {
      necessity: 'The stolen phone links the suspect to the robbery.',
      proportionality: 'One day covers the robbery and the hours after it, when the phone was used.',
      collateralIntrusion: 'None expected beyond the account holder.',
      unintendedConsequences: 'None identified.',
      howDataWillBeUsed: 'To identify the user of the stolen phone.',
      action: 'continue',
    });
    expect(changed.headers.location).toBe(path);
    const resubmitted = await postPage(agent, path);
    expect(resubmitted.status).toBe(303);
    const record = await apiRecord(t, app.id);
    expect(record.status).toBe('spocReview');
    const answer = record.conversation.find((c) => c.eventType === 'RESUBMIT');
    expect(answer?.changedFields).toEqual(['proportionality']);

    // An authoriser's question to the SPOC shows on the applicant's page while it is open.
    const sent = await step(t, 'spoc', record, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
    await step(t, 'ocda', sent, { type: 'REQUEST_MORE_INFO', question: 'Which network was the phone on at the time?' });
    const asked = await agent.get(path).expect(200);
    expect(asked.text).toContain('Which network was the phone on at the time?');
    expect(asked.text).toContain('The SPOC answers the authoriser');
  });

  it('withdraws an application with a reason, saying what to do when the reason is missing', async () => {
    const app = await createApplication(t);
    const path = `/web/applications/${app.id}/withdraw`;
    const page = await agent.get(path).expect(200);
    expect(page.text).toContain('Why are you withdrawing it?');
    const empty = await postPage(agent, path, { reason: '' });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('href="#reason"');
    expect(empty.text).toContain('Enter why you are withdrawing the application');
    const res = await postPage(agent, path, { reason: 'The suspect was charged on other evidence.' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/web/applications/${app.id}?done=withdrawn`);
    expect((await apiRecord(t, app.id)).status).toBe('withdrawn');
    expect((await historyOf(t, app.id)).filter((h) => h.eventType === 'WITHDRAW')).toHaveLength(1);
    const again = await agent.get(path).expect(200);
    expect(again.text).toContain('You cannot withdraw it now: it is withdrawn.');
  });

  it('renews an authorised application into a linked new draft (once for a double submit), and refuses one that is not authorised in words', async () => {
    const draft = await createApplication(t);
    const refused = await postPage(agent, `/web/applications/${draft.id}/renew`);
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('Only an application that is authorised now can be renewed.');

    const app = await authorised(t);
    const path = `/web/applications/${app.id}/renew`;
    const page = await agent.get(path).expect(200);
    expect(page.text).toContain('Start the renewal');
    const form = await formOf(agent, path);
    const first = await agent.post(path).type('form').send(form).expect(303);
    const second = await agent.post(path).type('form').send(form).expect(303);
    expect(second.headers.location).toBe(first.headers.location);
    const newId = /^\/web\/applications\/([0-9a-f-]{36})\/check-answers$/.exec(String(first.headers.location))![1];
    expect(newId).not.toBe(app.id);
    const renewal = await apiRecord(t, newId);
    expect(renewal).toMatchObject({ status: 'draft', renewalOf: app.id });
    expect(renewal.form.operationName).toBe('Op Kestrel');
    const mine = await t.http().get('/applications?pageSize=100').set('authorization', `Bearer ${await t.token('applicant')}`).expect(200);
    expect((mine.body as { items: { renewalOf?: string; id: string }[] }).items.filter((i) => i.id === newId)).toHaveLength(1);
    const renewalsOf = await Promise.all((mine.body as { items: { id: string }[] }).items.map((i) => apiRecord(t, i.id)));
    expect(renewalsOf.filter((r) => r.renewalOf === app.id)).toHaveLength(1);
    const check = await agent.get(String(first.headers.location)).expect(200);
    expect(check.text).toContain('Submit to the SPOC');
    // The service refuses the urgent route for a renewal; the page says so at the route question.
    const urgent = await postPage(agent, `/web/applications/${newId}/form/about`, { route: 'dso61A', priorityGrade: 'grade1', action: 'continue' });
    expect(urgent.status).toBeGreaterThanOrEqual(400);
    expect(urgent.text).toContain('href="#route"');
    expect(urgent.text).toContain('A renewal cannot take the urgent route (IPA s.65(2))');
    expect((await apiRecord(t, newId)).form.route).toBe('ipc60A');
  });

  it('records the use made of the data once the product is issued, which closes the application', async () => {
    const granted = await authorised(t);
    const early = await agent.get(`/web/applications/${granted.id}/outcome`).expect(200);
    expect(early.text).toContain('You cannot record the outcome now');
    await acquireAndIssueFinalProduct(t, 'spoc', granted.id);
    const issued = await step(t, 'spoc', await apiRecord(t, granted.id, 'spoc'), { type: 'ISSUE_PRODUCT' });
    expect(issued.status).toBe('productIssued');
    const list = await agent.get('/web/applications').expect(200);
    expect(list.text).toContain(`href="/web/applications/${granted.id}/outcome">Record the use made of the data</a>`);

    const path = `/web/applications/${granted.id}/outcome`;
    const empty = await postPage(agent, path, { outcome: '' });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('href="#outcome"');
    expect(empty.text).toContain('Enter the use made of the data');
    const res = await postPage(agent, path, { outcome: 'The subscriber details identified the suspect, who was charged.' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/web/applications/${granted.id}?done=outcome`);
    expect((await apiRecord(t, granted.id)).status).toBe('closed');
    expect((await historyOf(t, granted.id)).filter((h) => h.eventType === 'RECORD_OUTCOME')).toHaveLength(1);
  });
});
