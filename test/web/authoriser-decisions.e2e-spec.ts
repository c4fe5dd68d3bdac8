/**
 * The authoriser's pages through real HTTP (issue 19): the queue of what awaits OCDA's, a DSO's and a Judicial
 * Commissioner's decision; the decision page with the application, the SPOC's advice, the findings the law leaves to
 * the authoriser (IPA s.63, s.76, s.77) and the reasons; grant, refuse and ask for more, each sent as the API sends it
 * and refused by the same guards, shown on the form; the Judicial Commissioner's page; and need-to-know, roles, CSRF
 * and a double submit.
 */
import type TestAgent from 'supertest/lib/agent';
import { ApplicationEventEntity } from '../../src/applications/application-event.entity';
import {
  completeForm,
  createApplication,
  JOURNALISTIC_SOURCE,
  NATIONAL_SECURITY,
  SPOC_SECTION,
  step,
  type AppRecord,
} from '../support/applications';
import { createTestApp, isPostgres, type TestApp } from '../support/test-app';
import { agentsFor, hiddenField } from '../support/web-session';

const REASONS = 'Necessary to identify the robber; subscriber data for one day is the least intrusive means.';

describe(`web pages: the authoriser's decisions (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set('2026-03-02T10:00:00.000Z'));

  const as = agentsFor(() => t);

  async function read(id: string, user = 'spoc'): Promise<AppRecord> {
    const res = await t.http().get(`/applications/${id}`).set('authorization', `Bearer ${await t.token(user)}`).expect(200);
    return res.body as AppRecord;
  }

  async function historyLength(id: string): Promise<number> {
    const res = await t.http().get(`/applications/${id}/history`).set('authorization', `Bearer ${await t.token('spoc')}`).expect(200);
    return (res.body as { items: unknown[] }).items.length;
  }

  /** An application awaiting its authoriser, after the SPOC's advice. */
  async function awaiting(form = completeForm()): Promise<AppRecord> {
    let app = await createApplication(t, 'applicant', form);
    app = await step(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
    return step(t, 'spoc', app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
  }

  const dsoForm = () => completeForm({ route: 'dso61', ...NATIONAL_SECURITY });

  /** The form on `path` as a browser posts it: its CSRF token, Idempotency-Key and version, with `fields`. */
  async function postForm(agent: TestAgent, path: string, fields: Record<string, string>) {
    const page = await agent.get(path).expect(200);
    const envelope = {
      _csrf: hiddenField(page.text, '_csrf') ?? '',
      idempotencyKey: hiddenField(page.text, 'idempotencyKey') ?? '',
      version: hiddenField(page.text, 'version') ?? '',
    };
    const res = await agent.post(path).type('form').send({ ...envelope, ...fields });
    return { res, envelope };
  }

  const GRANT_FIELDS = {
    decision: 'GRANT',
    rationale: REASONS,
    officeRank: 'Authorising officer, OCDA',
    conductAuthorised: 'Obtain the subscriber data of the number for 1 March 2026.',
  };

  describe('the queue', () => {
    it('lists for OCDA an ipc60A application awaiting authorisation, linked to its decision page, and not one on a DSO route', async () => {
      const ocdaApp = await awaiting();
      const dsoApp = await awaiting(dsoForm());
      const page = await (await as('ocda')).get('/web/decisions').expect(200);
      expect(page.text).toContain('<h1 class="govuk-heading-l">Decisions</h1>');
      expect(page.text).toContain(`href="/web/applications/${ocdaApp.id}/decide"`);
      expect(page.text).toContain(ocdaApp.urn);
      expect(page.text).not.toContain(dsoApp.urn);
      expect(page.text).toContain('Grade 3 (not urgent but time-critical)');
    });

    it('lists for a DSO the dso61 application of their force and not the ipc60A one; a DSO of another force sees neither', async () => {
      const ocdaApp = await awaiting();
      const dsoApp = await awaiting(dsoForm());
      const dso = await (await as('dso')).get('/web/decisions').expect(200);
      expect(dso.text).toContain(`href="/web/applications/${dsoApp.id}/decide"`);
      expect(dso.text).not.toContain(ocdaApp.urn);
      const other = await (await as('other-dso')).get('/web/decisions').expect(200);
      expect(other.text).not.toContain(dsoApp.urn);
      expect(other.text).not.toContain(ocdaApp.urn);
    });

    it('is the start page of OCDA, a DSO and a Judicial Commissioner, and a 403 page for an applicant', async () => {
      for (const user of ['ocda', 'dso', 'jc']) {
        const home = await (await as(user)).get('/').expect(303);
        expect(home.headers.location).toBe('/web/decisions');
      }
      const refused = await (await as('applicant')).get('/web/decisions').expect(403);
      expect(refused.text).toContain('You cannot do that');
    });
  });

  describe('the decision page', () => {
    it('shows the whole application, the SPOC’s advice, a reasons box and the decisions offered', async () => {
      const app = await awaiting();
      const page = await (await as('ocda')).get(`/web/applications/${app.id}/decide`).expect(200);
      expect(page.text).toContain(`Decide on application ${app.urn}`);
      expect(page.text).toContain('The stolen phone links the suspect to the robbery.');
      expect(page.text).toContain('data-section="identifiers"');
      expect(page.text).toContain('data-testid="spoc-advice"');
      expect(page.text).toContain(SPOC_SECTION.spocAdvice);
      expect(page.text).toContain('Through the operator&#39;s secure system');
      expect(page.text).toMatch(/<label class="govuk-label govuk-label--l" for="decision-rationale">\s*Your reasons/);
      for (const choice of ['value="GRANT"', 'value="REFUSE"', 'value="REQUEST_MORE_INFO"']) expect(page.text).toContain(choice);
      expect(page.text).toContain('Ask for more information');
      expect(page.text).toContain('Record your decision');
      // OCDA is independent by construction: no s.63 declaration is asked of it.
      expect(page.text).not.toContain('I am independent of this investigation');
      expect(page.text).not.toContain('IPA s.77');
    });

    it('grants with reasons: the application is authorised and the record page’s timeline shows the grant', async () => {
      const app = await awaiting();
      const ocda = await as('ocda');
      const { res } = await postForm(ocda, `/web/applications/${app.id}/decide`, GRANT_FIELDS);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/web/applications/${app.id}`);
      const after = await read(app.id);
      expect(after.status).toBe('authorised');
      expect(after.decision).toMatchObject({ rationale: REASONS, officeRank: 'Authorising officer, OCDA' });
      const record = await ocda.get(`/web/applications/${app.id}`).expect(200);
      expect(record.text).toContain('moj-timeline');
      expect(record.text).toContain('Granted');
      expect(record.text).toContain(REASONS);
    });

    it('shows a grant without reasons again with the rule’s message in the error summary, as typed, and changes nothing', async () => {
      const app = await awaiting();
      const { res } = await postForm(await as('ocda'), `/web/applications/${app.id}/decide`, { ...GRANT_FIELDS, rationale: '' });
      expect(res.status).toBe(422);
      expect(res.text).toContain('govuk-error-summary');
      expect(res.text).toContain('href="#decision-rationale"');
      expect(res.text).toContain('The decision needs a rationale.');
      expect(res.text).toContain('id="decision-rationale-error"');
      expect(res.text).toContain('Obtain the subscriber data of the number for 1 March 2026.');
      expect((await read(app.id)).version).toBe(app.version);
    });

    it('asks the person to choose a decision when none is selected', async () => {
      const app = await awaiting();
      const { res } = await postForm(await as('ocda'), `/web/applications/${app.id}/decide`, { rationale: REASONS });
      expect(res.status).toBe(400);
      expect(res.text).toContain('href="#decision"');
      expect(res.text).toContain('Select your decision');
      expect((await read(app.id)).status).toBe('awaitingAuthorisation');
    });

    it('refuses with a reason: the application is refused; without one, the reason box shows the rule', async () => {
      const app = await awaiting();
      const ocda = await as('ocda');
      const missing = await postForm(ocda, `/web/applications/${app.id}/decide`, { decision: 'REFUSE', reason: '  ' });
      expect(missing.res.status).toBe(422);
      expect(missing.res.text).toContain('href="#reason"');
      const { res } = await postForm(ocda, `/web/applications/${app.id}/decide`, { decision: 'REFUSE', reason: 'Not proportionate: a witness statement would do.' });
      expect(res.status).toBe(303);
      const after = await read(app.id);
      expect(after.status).toBe('refused');
      const again = await ocda.get(`/web/applications/${app.id}/decide`).expect(200);
      expect(again.text).toContain('There is no decision for you to make on this application now.');
      expect(again.text).not.toContain('Record your decision');
    });

    it('asks for more information: the question goes back, and the applicant reads it in the conversation on the record page', async () => {
      const app = await awaiting();
      const question = 'Which witness saw the phone being taken, and when?';
      const { res } = await postForm(await as('ocda'), `/web/applications/${app.id}/decide`, { decision: 'REQUEST_MORE_INFO', question });
      expect(res.status).toBe(303);
      expect((await read(app.id)).status).toBe('spocReview');
      const record = await (await as('applicant')).get(`/web/applications/${app.id}`).expect(200);
      expect(record.text).toContain('Conversation');
      expect(record.text).toContain(question);
    });

    it('refuses a DSO’s grant without the declaration of independence (IPA s.63), with the rule’s message on the form; declared, it is granted', async () => {
      const app = await awaiting(dsoForm());
      const dso = await as('dso');
      const page = await dso.get(`/web/applications/${app.id}/decide`).expect(200);
      expect(page.text).toContain('I am independent of this investigation');
      expect(page.text).toContain('id="decision-exceptionalCircumstancesOverride"');
      expect(page.text).not.toContain('I granted this orally');
      const fields = { ...GRANT_FIELDS, officeRank: 'Superintendent' };
      const refused = await postForm(dso, `/web/applications/${app.id}/decide`, fields);
      expect(refused.res.status).toBe(422);
      expect(refused.res.text).toContain('govuk-error-summary');
      expect(refused.res.text).toContain('href="#decision-independenceDeclaration"');
      expect(refused.res.text).toContain('The DSO must declare their independence of the investigation or record the exceptional circumstances (IPA s.63).');
      expect(refused.res.text).toContain('id="decision-independenceDeclaration-error"');
      expect((await read(app.id)).status).toBe('awaitingAuthorisation');
      const { res } = await postForm(dso, `/web/applications/${app.id}/decide`, { ...fields, independenceDeclaration: 'yes' });
      expect(res.status).toBe(303);
      const after = await read(app.id);
      expect(after).toMatchObject({ status: 'authorised', findings: { independenceDeclared: true } });
    });

    it('a double submit of one form has one effect', async () => {
      const app = await awaiting();
      const ocda = await as('ocda');
      const before = await historyLength(app.id);
      const { res, envelope } = await postForm(ocda, `/web/applications/${app.id}/decide`, GRANT_FIELDS);
      expect(res.status).toBe(303);
      const twin = await ocda.post(`/web/applications/${app.id}/decide`).type('form').send({ ...envelope, ...GRANT_FIELDS });
      expect(twin.status).toBe(303);
      expect(await historyLength(app.id)).toBe(before + 1);
    });

    it('a POST without its CSRF token is 403 and changes nothing', async () => {
      const app = await awaiting();
      const ocda = await as('ocda');
      const page = await ocda.get(`/web/applications/${app.id}/decide`).expect(200);
      const res = await ocda
        .post(`/web/applications/${app.id}/decide`)
        .type('form')
        .send({ idempotencyKey: hiddenField(page.text, 'idempotencyKey'), version: hiddenField(page.text, 'version'), ...GRANT_FIELDS });
      expect(res.status).toBe(403);
      expect(res.text).toContain('You cannot do that');
      const after = await read(app.id);
      expect(after).toMatchObject({ status: 'awaitingAuthorisation', version: app.version });
    });

    it('is Page not found for a DSO of another force, GET and POST, and a 403 page for an applicant', async () => {
      const app = await awaiting(dsoForm());
      const other = await as('other-dso');
      const hidden = await other.get(`/web/applications/${app.id}/decide`).expect(404);
      expect(hidden.text).toContain('Page not found');
      expect(hidden.text).not.toContain(app.urn);
      const token = hiddenField((await other.get('/sign-out').expect(200)).text, '_csrf');
      await other
        .post(`/web/applications/${app.id}/decide`)
        .type('form')
        .send({ _csrf: token, idempotencyKey: '7b0f4a52-0d8e-4a8e-9a43-5d2f1d1c2e01', version: String(app.version), ...GRANT_FIELDS, independenceDeclaration: 'yes' })
        .expect(404);
      await (await as('other-dso')).get(`/web/applications/${app.id}/written-record`).expect(404);
      expect((await read(app.id)).status).toBe('awaitingAuthorisation');
      const applicant = await as('applicant');
      for (const slug of ['decide', 'judicial-decision', 'written-record']) {
        const res = await applicant.get(`/web/applications/${app.id}/${slug}`);
        expect(res.status).toBe(403);
        expect(res.text).toContain('You cannot do that');
      }
    });
  });

  describe('a journalist’s source (IPA s.77)', () => {
    it('explains on the decision page that a grant goes to a Judicial Commissioner, who then approves it on their page', async () => {
      const app = await awaiting(completeForm(JOURNALISTIC_SOURCE));
      const ocda = await as('ocda');
      const page = await ocda.get(`/web/applications/${app.id}/decide`).expect(200);
      expect(page.text).toContain('A journalist’s source (IPA s.77)');
      expect(page.text).toContain('If you grant it, the grant goes to a Judicial Commissioner');
      expect(page.text).toContain('id="decision-findings-imminentThreatToLife-reasons"');
      await postForm(ocda, `/web/applications/${app.id}/decide`, GRANT_FIELDS);
      expect((await read(app.id)).status).toBe('awaitingJudicialApproval');

      const jc = await as('jc');
      const queue = await jc.get('/web/decisions').expect(200);
      expect(queue.text).toContain(`href="/web/applications/${app.id}/judicial-decision"`);
      const jcPage = await jc.get(`/web/applications/${app.id}/judicial-decision`).expect(200);
      expect(jcPage.text).toContain(`Judicial Commissioner’s decision on ${app.urn}`);
      expect(jcPage.text).toContain(REASONS);
      expect(jcPage.text).toContain('value="JC_APPROVE"');
      expect(jcPage.text).toContain('value="JC_REFUSE"');
      expect(jcPage.text).toContain('value="Sir Julian Commissioner"');
      expect(jcPage.text).toContain('UK time (GMT or BST)');

      const unreasoned = await postForm(jc, `/web/applications/${app.id}/judicial-decision`, { decision: 'JC_REFUSE', reason: '', judgeName: 'Sir Julian Commissioner' });
      expect(unreasoned.res.status).toBe(422);
      expect(unreasoned.res.text).toContain('href="#reason"');
      const badTime = await postForm(jc, `/web/applications/${app.id}/judicial-decision`, {
        decision: 'JC_APPROVE',
        judgeName: 'Sir Julian Commissioner',
        'judicialApproval-decidedAt-day': '31',
        'judicialApproval-decidedAt-month': '2',
        'judicialApproval-decidedAt-year': '2026',
        'judicialApproval-decidedAt-hour': '09',
        'judicialApproval-decidedAt-minute': '30',
        'judicialApproval-decidedAt-zone': 'Europe/London',
      });
      expect(badTime.res.status).toBe(400);
      expect(badTime.res.text).toContain('href="#judicialApproval-decidedAt"');
      expect(badTime.res.text).toContain('The time of the decision must be a real date');
      expect((await read(app.id)).status).toBe('awaitingJudicialApproval');

      const { res } = await postForm(jc, `/web/applications/${app.id}/judicial-decision`, {
        decision: 'JC_APPROVE',
        judgeName: 'Sir Julian Commissioner',
        'judicialApproval-decidedAt-day': '2',
        'judicialApproval-decidedAt-month': '3',
        'judicialApproval-decidedAt-year': '2026',
        'judicialApproval-decidedAt-hour': '09',
        'judicialApproval-decidedAt-minute': '30',
        'judicialApproval-decidedAt-zone': 'Europe/London',
      });
      expect(res.status).toBe(303);
      expect((await read(app.id)).status).toBe('authorised');
      const stored = await t.dataSource.getRepository(ApplicationEventEntity).findOneByOrFail({ applicationId: app.id, eventType: 'JC_APPROVE' });
      // 09:30 UK time on 2 March 2026 is GMT: the instant is sent with its offset, as the API takes it.
      expect(JSON.parse(stored.payload ?? '{}')).toMatchObject({
        type: 'JC_APPROVE',
        judicialApproval: { judgeName: 'Sir Julian Commissioner', decidedAt: '2026-03-02T09:30:00+00:00' },
      });
    });

    it('refuses as a Judicial Commissioner with reasons: the grant is quashed; the page is 403 for OCDA', async () => {
      let app = await awaiting(completeForm(JOURNALISTIC_SOURCE));
      app = await step(t, 'ocda', app, { type: 'GRANT', decision: { rationale: REASONS, officeRank: 'Authorising officer', conductAuthorised: 'Subscriber data' } });
      await (await as('ocda')).get(`/web/applications/${app.id}/judicial-decision`).expect(403);
      const { res } = await postForm(await as('jc'), `/web/applications/${app.id}/judicial-decision`, {
        decision: 'JC_REFUSE',
        reason: 'The public interest in protecting the source is not overridden.',
        judgeName: 'Sir Julian Commissioner',
      });
      expect(res.status).toBe(303);
      expect((await read(app.id)).status).toBe('quashed');
    });
  });
});
