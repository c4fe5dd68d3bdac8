/**
 * The SPOC's pages through real HTTP on both databases (issue 19): the work queue and its filters (state,
 * priority grade, working days waiting), the review with each check's result and citation and the duplicate
 * acquisitions, and returning, declining and sending for authorisation, each a form that sends the API's event:
 * refusals shown on the form, one effect for a double submit, CSRF, another force's SPOC and an applicant kept out.
 */
import { ApplicationEventEntity } from '../../src/applications/application-event.entity';
import { APPLICATION_RULE_CATALOGUE } from '../../src/workflow/application-guards.rule-codes';
import { type AppRecord, completeForm, createApplication, SPOC_SECTION, step } from '../support/applications';
import { createTestApp, isPostgres, type TestApp } from '../support/test-app';
import { hiddenField, submitForm, webAgent } from '../support/web-session';
import type TestAgent from 'supertest/lib/agent';

const MONDAY = '2026-03-02T10:00:00.000Z';
const PERIOD = { periodKind: 'historic', periodStart: '2026-03-01T00:00:00+00:00', periodEnd: '2026-03-02T00:00:00+00:00', csp: 'Vodafone', icrCondition: null };

let numbers = 0;
/** A complete form on its own telephone number (so no two applications overlap unless a test says so), with `overrides`. */
function form(overrides: Record<string, unknown> = {}, number = `07911 124${String(++numbers).padStart(3, '0')}`): Record<string, unknown> {
  return completeForm({ identifiers: [{ ref: 'id1', type: 'msisdn', value: number, source: 'victim statement' }], ...overrides });
}

/** The text of a table row on a page that holds `needle` (a URN, a check's id). */
function rowOf(html: string, needle: string): string {
  const row = html.split('<tr').find((r) => r.includes(needle));
  if (!row) throw new Error(`no row with ${needle}`);
  return row;
}

describe(`the SPOC's pages (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  let spoc: TestAgent;

  beforeAll(async () => {
    t = await createTestApp();
    spoc = await webAgent(t, 'spoc');
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set(MONDAY));

  async function inReview(owner = 'applicant', overrides: Record<string, unknown> = {}): Promise<AppRecord> {
    const app = await createApplication(t, owner, form(overrides));
    return step(t, owner, app, { type: 'SUBMIT_TO_SPOC' });
  }

  async function api(user: string, id: string): Promise<AppRecord> {
    const res = await t.http().get(`/applications/${id}`).set('authorization', `Bearer ${await t.token(user)}`).expect(200);
    return res.body as AppRecord;
  }

  async function historyRows(id: string): Promise<string[]> {
    const rows = await t.dataSource.getRepository(ApplicationEventEntity).find({ where: { applicationId: id }, order: { position: 'ASC' } });
    return rows.map((r) => r.eventType ?? r.kind);
  }

  describe('the work queue', () => {
    it('lists the force’s applications waiting for review, with links to each review, and never another force’s', async () => {
      const ours = await inReview();
      const theirs = await inReview('other-applicant');
      const draft = await createApplication(t, 'applicant', form());
      const page = await spoc.get('/web/spoc').expect(200);
      expect(page.text).toContain('<h1 class="govuk-heading-l">SPOC work queue</h1>');
      expect(rowOf(page.text, ours.urn)).toContain(`href="/web/applications/${ours.id}/review"`);
      expect(page.text).not.toContain(theirs.urn);
      expect(page.text).not.toContain(draft.urn);
      const other = await (await webAgent(t, 'other-spoc')).get('/web/spoc').expect(200);
      expect(other.text).toContain(theirs.urn);
      expect(other.text).not.toContain(ours.urn);
    });

    it('filters by state and by priority grade', async () => {
      const urgent = await inReview('applicant', { priorityGrade: 'grade1' });
      const routine = await inReview('applicant', { priorityGrade: 'routine' });
      const returned = await step(t, 'spoc', await inReview(), { type: 'RETURN_TO_APPLICANT', reason: 'Name the CSP.' });
      const graded = await spoc.get('/web/spoc?state=spocReview&priorityGrade=grade1').expect(200);
      expect(rowOf(graded.text, urgent.urn)).toContain('Grade 1 (immediate threat to life)');
      expect(graded.text).not.toContain(routine.urn);
      expect(graded.text).not.toContain(returned.urn);
      const back = await spoc.get('/web/spoc?state=returnedToApplicant').expect(200);
      expect(back.text).toContain(returned.urn);
      expect(back.text).not.toContain(urgent.urn);
      expect(back.text).toMatch(/<option value="returnedToApplicant" selected>/);
    });

    it('filters by working days waiting since the last change, and shows each one’s wait', async () => {
      t.clock.set('2026-02-23T10:00:00.000Z'); // a Monday: five working days before
      const old = await inReview();
      t.clock.set(MONDAY);
      const fresh = await inReview();
      const all = await spoc.get('/web/spoc').expect(200);
      expect(rowOf(all.text, old.urn)).toMatch(/data-sort-value="5"[^>]*>5</);
      expect(rowOf(all.text, fresh.urn)).toMatch(/data-sort-value="0"[^>]*>0</);
      const waiting = await spoc.get('/web/spoc?waitingDays=4').expect(200);
      expect(waiting.text).toContain(old.urn);
      expect(waiting.text).not.toContain(fresh.urn);
      expect((await spoc.get('/web/spoc?waitingDays=5').expect(200)).text).not.toContain(old.urn);
    });

    it('shows a wrong filter in an error summary linked to its field', async () => {
      const page = await spoc.get('/web/spoc?waitingDays=three').expect(400);
      expect(page.text).toContain('govuk-error-summary');
      expect(page.text).toContain('href="#waitingDays"');
      expect(page.text).toContain('Enter a whole number of working days from 0 to 500, like 3');
    });

    it('is for SPOCs: an applicant gets the “You cannot do that” page', async () => {
      const page = await (await webAgent(t, 'applicant')).get('/web/spoc').expect(403);
      expect(page.text).toContain('You cannot do that');
    });
  });

  describe('the review', () => {
    it('shows the whole form and every check with its result and citation', async () => {
      const app = await inReview();
      const page = await spoc.get(`/web/applications/${app.id}/review`).expect(200);
      expect(page.text).toContain(`Review application ${app.urn}`);
      expect(page.text).toContain('Op Kestrel');
      expect(page.text).toContain('The stolen phone links the suspect to the robbery.');
      for (const guard of ['FORM_COMPLETE', 'SCHEDULE_4_ROUTE_AND_PURPOSE', 'SERIOUS_CRIME_THRESHOLD', 'ICR_CONDITIONS', 'URGENCY_POLICY', 'SENSITIVE_PROFESSION_ADDRESSED']) {
        expect(rowOf(page.text, `data-check="${guard}"`)).toContain('data-result="passed"');
      }
      expect(rowOf(page.text, 'data-check="SERIOUS_CRIME_THRESHOLD"')).toContain('docs/law.md §2.2; IPA s.60A(8), s.86(2A)');
      expect(rowOf(page.text, 'data-check="SPOC_ADVICE_RECORDED"')).toContain('To give when you send it');
      expect(page.text).toContain('OCDA decides applications on this route');
      expect(page.text).toContain(`href="/web/applications/${app.id}/send-for-authorisation"`);
      expect(page.text).toContain(`href="/web/applications/${app.id}/return"`);
      expect(page.text).toContain(`href="/web/applications/${app.id}/decline"`);
    });

    it('shows the serious-crime threshold failed, with the rule and its citation, for a 3-month offence and events data', async () => {
      const app = await inReview('applicant', {
        offences: [{ description: 'Minor damage', maxSentenceAdultMonths: 3 }],
        seriousCrimeBasis: 'twelveMonthsPlus',
        dataItems: [{ ref: 'd1', identifierRef: 'id1', category: 'events', subtype: 'callDataRecords', ...PERIOD }],
      });
      const page = await spoc.get(`/web/applications/${app.id}/review`).expect(200);
      const row = rowOf(page.text, 'data-check="SERIOUS_CRIME_THRESHOLD"');
      expect(row).toContain('data-result="failed"');
      expect(row).toContain('Failed');
      expect(row).toContain(APPLICATION_RULE_CATALOGUE.SERIOUS_CRIME_THRESHOLD_NOT_MET.message.replace(/'/g, '&#39;'));
      expect(row).toContain('Law: docs/law.md §2.2; IPA s.60A(8), s.86(2A)');
      expect(row).toContain('Answers concerned: Offences');
      // The API says the same of the same record.
      expect((await api('spoc', app.id)).blockedEvents).toContainEqual(expect.objectContaining({ event: 'SUBMIT_FOR_AUTHORISATION', code: 'SERIOUS_CRIME_THRESHOLD_NOT_MET' }));
    });

    it('counts the overlapping acquisitions and lists them on their own page', async () => {
      const first = await inReview('applicant', {}, );
      const number = (first.form as { identifiers: { value: string }[] }).identifiers[0].value;
      const second = await createApplication(t, 'applicant2', form({}, number));
      const again = await step(t, 'applicant2', second, { type: 'SUBMIT_TO_SPOC' });
      const page = await spoc.get(`/web/applications/${again.id}/review`).expect(200);
      expect(page.text).toMatch(/data-testid="overlap-count">1 other application or request seeks the same identifier/);
      expect(page.text).toContain(`href="/web/applications/${again.id}/overlaps"`);
      const list = await spoc.get(`/web/applications/${again.id}/overlaps`).expect(200);
      expect(rowOf(list.text, first.urn)).toContain('With the SPOC for review');
      expect(list.text).toContain('+447911124');
      const alone = await spoc.get(`/web/applications/${(await inReview()).id}/review`).expect(200);
      expect(alone.text).toContain('No other application or request you can see seeks the same identifiers');
    });

    it('is “Page not found” for another force’s SPOC and “You cannot do that” for an applicant', async () => {
      const app = await inReview();
      const other = await webAgent(t, 'other-spoc');
      for (const path of ['review', 'overlaps', 'return', 'decline', 'send-for-authorisation', 'record-decision']) {
        const page = await other.get(`/web/applications/${app.id}/${path}`).expect(404);
        expect(page.text).toContain('Page not found');
        expect(page.text).not.toContain(app.urn);
      }
      const applicant = await webAgent(t, 'applicant');
      for (const path of ['review', 'return', 'send-for-authorisation', 'record-decision']) {
        expect((await applicant.get(`/web/applications/${app.id}/${path}`).expect(403)).text).toContain('You cannot do that');
      }
    });
  });

  describe('returning and declining', () => {
    it('returns it with a reason and its category; the applicant reads the reason on their record', async () => {
      const app = await inReview();
      const page = await spoc.get(`/web/applications/${app.id}/return`).expect(200);
      expect(page.text).toContain('Identifier, data or period wrong or unclear');
      const res = await submitForm(spoc, `/web/applications/${app.id}/return`, {
        reason: 'Narrow the period to the day of the robbery.',
        reasonCode: 'identifierOrDataUnclear',
        version: String(app.version),
      });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/web/applications/${app.id}`);
      expect(await api('spoc', app.id)).toMatchObject({ status: 'returnedToApplicant' });
      const record = await (await webAgent(t, 'applicant')).get(`/web/applications/${app.id}`).expect(200);
      expect(record.text).toContain('Conversation');
      expect(record.text).toContain('Narrow the period to the day of the robbery.');
    });

    it('shows a return without a reason refused on the form, linked to the reason, and changes nothing', async () => {
      const app = await inReview();
      const res = await submitForm(spoc, `/web/applications/${app.id}/return`, { reason: '  ', version: String(app.version) });
      expect(res.status).toBe(422);
      expect(res.text).toContain('govuk-error-summary');
      expect(res.text).toContain('href="#reason"');
      expect(res.text).toContain(APPLICATION_RULE_CATALOGUE.REASON_REQUIRED.message);
      expect(res.text).not.toContain('RETURN_TO_APPLICANT');
      expect(res.text).toContain('id="reason-error"');
      expect(await historyRows(app.id)).toEqual(['created', 'SUBMIT_TO_SPOC']);
    });

    it('posting the same form twice has one effect', async () => {
      const app = await inReview();
      const page = await spoc.get(`/web/applications/${app.id}/decline`).expect(200);
      const fields = {
        _csrf: hiddenField(page.text, '_csrf'),
        idempotencyKey: hiddenField(page.text, 'idempotencyKey'),
        version: hiddenField(page.text, 'version'),
        reason: 'Not necessary: the suspect has admitted it.',
        reasonCode: 'necessityNotShown',
      };
      const first = await spoc.post(`/web/applications/${app.id}/decline`).type('form').send(fields);
      const second = await spoc.post(`/web/applications/${app.id}/decline`).type('form').send(fields);
      expect([first.status, second.status]).toEqual([303, 303]);
      expect(await historyRows(app.id)).toEqual(['created', 'SUBMIT_TO_SPOC', 'DECLINE']);
      expect(await api('spoc', app.id)).toMatchObject({ status: 'declinedBySpoc' });
    });

    it('refuses a post without its CSRF token (403) and changes nothing', async () => {
      const app = await inReview();
      const page = await spoc.get(`/web/applications/${app.id}/return`).expect(200);
      const res = await spoc
        .post(`/web/applications/${app.id}/return`)
        .type('form')
        .send({ idempotencyKey: hiddenField(page.text, 'idempotencyKey'), version: hiddenField(page.text, 'version'), reason: 'No token.' });
      expect(res.status).toBe(403);
      expect(await historyRows(app.id)).toEqual(['created', 'SUBMIT_TO_SPOC']);
    });

    it('another force’s SPOC posting with their own token gets “Page not found” and changes nothing', async () => {
      const app = await inReview();
      const other = await webAgent(t, 'other-spoc');
      const token = hiddenField((await other.get('/sign-out').expect(200)).text, '_csrf');
      const res = await other
        .post(`/web/applications/${app.id}/decline`)
        .type('form')
        .send({ _csrf: token, idempotencyKey: '7b0e7f4c-0b5e-4f59-9d1e-1a2b3c4d5e6f', version: String(app.version), reason: 'Not ours.' });
      expect(res.status).toBe(404);
      expect(res.text).toContain('Page not found');
      expect(await historyRows(app.id)).toEqual(['created', 'SUBMIT_TO_SPOC']);
    });

    it('says why it cannot be returned once it has gone for authorisation', async () => {
      const app = await step(t, 'spoc', await inReview(), { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
      const page = await spoc.get(`/web/applications/${app.id}/return`).expect(200);
      expect(page.text).toContain('You cannot do this now. Its state is: Awaiting authorisation.');
      expect(page.text).not.toContain('name="reason"');
    });
  });

  describe('advising and sending for authorisation', () => {
    it('records the advice and sends it: awaiting authorisation, the advice on the record', async () => {
      const app = await inReview();
      const page = await spoc.get(`/web/applications/${app.id}/send-for-authorisation`).expect(200);
      expect(page.text).toContain('Through the operator&#39;s secure system');
      expect(page.text).not.toContain('spoc-sensitiveProfessionAdvice');
      const res = await submitForm(spoc, `/web/applications/${app.id}/send-for-authorisation`, {
        version: String(app.version),
        'spoc-spocAdvice': 'Lawful and practical; Vodafone holds the data.',
        'spoc-acquisitionMethod': 'cspSecureSystem',
        'spoc-costEstimate': '£0',
        'spoc-practicalityAssessment': 'Routine for this operator.',
      });
      expect(res.status).toBe(303);
      expect(await api('spoc', app.id)).toMatchObject({
        status: 'awaitingAuthorisation',
        spocSection: { spocAdvice: 'Lawful and practical; Vodafone holds the data.', acquisitionMethod: 'cspSecureSystem', costEstimate: '£0', spocName: 'Pat Spoc' },
      });
    });

    it('shows advice left out refused on the form, linked to the advice', async () => {
      const app = await inReview();
      const res = await submitForm(spoc, `/web/applications/${app.id}/send-for-authorisation`, { version: String(app.version), 'spoc-acquisitionMethod': 'notice' });
      expect(res.status).toBe(422);
      expect(res.text).toContain('href="#spoc-spocAdvice"');
      expect(res.text).toContain(APPLICATION_RULE_CATALOGUE.SPOC_ADVICE_REQUIRED.message.replace(/'/g, '&#39;'));
      expect(res.text).toMatch(/value="notice" checked/);
      expect(await historyRows(app.id)).toEqual(['created', 'SUBMIT_TO_SPOC']);
    });

    it('asks for advice on a sensitive profession when the form names one, and refuses without it', async () => {
      const app = await inReview('applicant', {
        sensitiveProfession: 'journalist',
        sensitiveProfessionConsiderations: 'The subject is a journalist; only subscriber data is sought.',
      });
      const page = await spoc.get(`/web/applications/${app.id}/send-for-authorisation`).expect(200);
      expect(page.text).toContain('id="spoc-sensitiveProfessionAdvice"');
      const refused = await submitForm(spoc, `/web/applications/${app.id}/send-for-authorisation`, { version: String(app.version), 'spoc-spocAdvice': 'Practical.' });
      expect(refused.status).toBe(422);
      expect(refused.text).toContain('href="#spoc-sensitiveProfessionAdvice"');
      const sent = await submitForm(spoc, `/web/applications/${app.id}/send-for-authorisation`, {
        version: String(app.version),
        'spoc-spocAdvice': 'Practical.',
        'spoc-sensitiveProfessionAdvice': 'Subscriber data reveals no source; advise the authoriser of the profession.',
      });
      expect(sent.status).toBe(303);
      expect((await api('spoc', app.id)).status).toBe('awaitingAuthorisation');
    });
  });
});
