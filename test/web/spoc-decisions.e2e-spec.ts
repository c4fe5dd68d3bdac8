/**
 * A SPOC records a decision made outside the service, through the page, on both databases (issue 19;
 * docs/architecture.md §7.1 footnotes ¹ ²): OCDA's grant, refusal or question received from OCDA's own system on
 * `ipc60A`, and a designated senior officer's oral urgent grant on `dso61A`, the DSO chosen from the force's DSOs,
 * the decision's time typed in UK time or UTC. What the guards refuse is shown on the form and changes nothing.
 */
import { ApplicationEventEntity } from '../../src/applications/application-event.entity';
import { APPLICATION_RULE_CATALOGUE } from '../../src/workflow/application-guards.rule-codes';
import { type AppRecord, completeForm, createApplication, SPOC_SECTION, step } from '../support/applications';
import { userId } from '../support/authz-fixtures';
import { createTestApp, isPostgres, type TestApp } from '../support/test-app';
import { submitForm, webAgent } from '../support/web-session';
import type TestAgent from 'supertest/lib/agent';

const MONDAY = '2026-03-02T10:00:00.000Z';

let numbers = 0;
function form(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const number = `07911 125${String(++numbers).padStart(3, '0')}`;
  return completeForm({ identifiers: [{ ref: 'id1', type: 'msisdn', value: number, source: 'victim statement' }], ...overrides });
}

/** The urgent route through a SPOC (IPA s.61A): a grade that may justify it, and why it is urgent. */
const URGENT = { route: 'dso61A', priorityGrade: 'grade1', urgencyJustification: 'A missing child is believed to be with the suspect tonight.' };

/** The parts of a date-time input named `decision-decidedAt`. */
function decidedAt(day: string, month: string, year: string, hour: string, minute: string, zone = 'Europe/London'): Record<string, string> {
  const name = 'decision-decidedAt';
  return { [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: year, [`${name}-hour`]: hour, [`${name}-minute`]: minute, [`${name}-zone`]: zone };
}

const OCDA_GRANT = {
  outcome: 'GRANT',
  'decision-ocdaReference': 'OCDA-2026-4242',
  'decision-deciderName': 'Quinn Officer',
  'decision-officeRank': 'OCDA Authorising Officer',
  'decision-rationale': 'Necessary and proportionate for the robbery investigation.',
  'decision-conductAuthorised': 'Obtain subscriber data for the number from Vodafone.',
};

const ORAL_GRANT = {
  'decision-officeRank': 'Superintendent',
  'decision-rationale': 'A child’s life is at risk tonight; necessary and proportionate.',
  'decision-conductAuthorised': 'Obtain subscriber data for the number from Vodafone.',
  'decision-independenceDeclaration': 'yes',
};

describe(`recording a decision made outside the service (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  let spoc: TestAgent;

  beforeAll(async () => {
    t = await createTestApp();
    spoc = await webAgent(t, 'spoc');
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set(MONDAY));

  /** Drafted, submitted to the SPOC and sent for authorisation through the API at 09:00 (the clock then back at 10:00). */
  async function awaiting(overrides: Record<string, unknown> = {}): Promise<AppRecord> {
    t.clock.set('2026-03-02T09:00:00.000Z');
    let app = await createApplication(t, 'applicant', form(overrides));
    app = await step(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
    app = await step(t, 'spoc', app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
    t.clock.set(MONDAY);
    return app;
  }

  async function api(id: string): Promise<AppRecord> {
    const res = await t.http().get(`/applications/${id}`).set('authorization', `Bearer ${await t.token('spoc')}`).expect(200);
    return res.body as AppRecord;
  }

  async function historyRows(id: string): Promise<number> {
    return t.dataSource.getRepository(ApplicationEventEntity).countBy({ applicationId: id });
  }

  const page = (app: AppRecord) => `/web/applications/${app.id}/record-decision`;

  describe('OCDA’s decision on ipc60A', () => {
    it('records OCDA’s grant, dated as OCDA decided it in UK time: authorised from then', async () => {
      const app = await awaiting();
      const shown = await spoc.get(page(app)).expect(200);
      expect(shown.text).toContain('Record OCDA’s decision');
      expect(shown.text).toContain('OCDA granted the authorisation');
      expect(shown.text).toContain('UK time (GMT or BST)');
      const res = await submitForm(spoc, page(app), { ...OCDA_GRANT, ...decidedAt('2', '3', '2026', '09', '30'), version: String(app.version) });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/web/applications/${app.id}`);
      expect(await api(app.id)).toMatchObject({
        status: 'authorised',
        validFrom: '2026-03-02T09:30:00.000Z',
        decision: { ocdaReference: 'OCDA-2026-4242', deciderName: 'Quinn Officer', officeRank: 'OCDA Authorising Officer' },
      });
    });

    it('records OCDA’s refusal with its reasons', async () => {
      const app = await awaiting();
      const res = await submitForm(spoc, page(app), {
        outcome: 'REFUSE',
        reason: 'Not proportionate: the victim’s own records would do.',
        'decision-ocdaReference': 'OCDA-2026-4243',
        'decision-deciderName': 'Quinn Officer',
        ...decidedAt('2', '3', '2026', '09', '45', 'UTC'),
        version: String(app.version),
      });
      expect(res.status).toBe(303);
      expect(await api(app.id)).toMatchObject({ status: 'refused' });
    });

    it('shows a decision dated later than now refused on the form, at its time, and changes nothing', async () => {
      const app = await awaiting();
      const before = await historyRows(app.id);
      const res = await submitForm(spoc, page(app), { ...OCDA_GRANT, ...decidedAt('2', '3', '2026', '11', '00', 'UTC'), version: String(app.version) });
      expect(res.status).toBe(422);
      expect(res.text).toContain('href="#decision-decidedAt"');
      expect(res.text).toContain(APPLICATION_RULE_CATALOGUE.DECISION_IN_FUTURE.message);
      expect(res.text).toContain('value="OCDA-2026-4242"');
      expect(await historyRows(app.id)).toBe(before);
    });

    it('refuses a time with a part missing before anything is sent, and OCDA’s details left out by the rule', async () => {
      const app = await awaiting();
      const partial = await submitForm(spoc, page(app), { ...OCDA_GRANT, ...decidedAt('2', '3', '2026', '', ''), version: String(app.version) });
      expect(partial.status).toBe(400);
      expect(partial.text).toContain('The time of OCDA’s decision must include an hour and minute (24-hour clock)');
      const missing = await submitForm(spoc, page(app), {
        ...OCDA_GRANT,
        'decision-ocdaReference': '',
        ...decidedAt('2', '3', '2026', '09', '30'),
        version: String(app.version),
      });
      expect(missing.status).toBe(422);
      expect(missing.text).toContain('href="#decision-ocdaReference"');
      expect(missing.text).toContain(APPLICATION_RULE_CATALOGUE.OCDA_DECISION_DETAILS_REQUIRED.message.replace(/'/g, '&#39;'));
      const none = await submitForm(spoc, page(app), { ...OCDA_GRANT, outcome: '', ...decidedAt('2', '3', '2026', '09', '30'), version: String(app.version) });
      expect(none.status).toBe(400);
      expect(none.text).toContain('href="#outcome"');
      expect(await api(app.id)).toMatchObject({ status: 'awaitingAuthorisation' });
    });
  });

  describe('a DSO’s oral urgent grant on dso61A', () => {
    it('records it for the DSO chosen from the force’s DSOs: authorised, oral, its written record falls due', async () => {
      const app = await awaiting(URGENT);
      const dsoId = await userId(t, 'dso');
      const shown = await spoc.get(page(app)).expect(200);
      expect(shown.text).toContain('Record a designated senior officer’s oral grant');
      expect(shown.text).toContain(`<option value="${dsoId}">Supt Dana Dso, Superintendent</option>`);
      expect(shown.text).not.toContain('Supt Omar Dso');
      const res = await submitForm(spoc, page(app), { ...ORAL_GRANT, 'decision-deciderId': dsoId, ...decidedAt('2', '3', '2026', '09', '50'), version: String(app.version) });
      expect(res.status).toBe(303);
      const granted = await api(app.id);
      expect(granted).toMatchObject({ status: 'authorised', oralGrant: true, grantedById: dsoId, validFrom: '2026-03-02T09:50:00.000Z' });
      expect(granted.writtenRecordDueAt).toEqual(expect.any(String));
      const record = await spoc.get(`/web/applications/${app.id}`).expect(200);
      expect(record.text).toContain('Written record due by');
    });

    it('marks a DSO on the investigation team as not independent, and the rule refuses their grant on the form', async () => {
      const dsoId = await userId(t, 'dso');
      const app = await awaiting({ ...URGENT, teamMemberIds: [dsoId] });
      const review = await spoc.get(`/web/applications/${app.id}/review`).expect(200);
      expect(review.text).toMatch(/Supt Dana Dso, Superintendent<\/th>\s*<td class="govuk-table__cell"\s+data-result="failed">/);
      const shown = await spoc.get(page(app)).expect(200);
      expect(shown.text).toContain('Supt Dana Dso, Superintendent (not independent of this application)');
      const before = await historyRows(app.id);
      const res = await submitForm(spoc, page(app), { ...ORAL_GRANT, 'decision-deciderId': dsoId, ...decidedAt('2', '3', '2026', '09', '50'), version: String(app.version) });
      expect(res.status).toBe(403);
      expect(res.text).toContain(APPLICATION_RULE_CATALOGUE.AUTHORISER_NOT_INDEPENDENT.message);
      expect(res.text).toContain('href="#decision-exceptionalCircumstancesOverride"');
      expect(await historyRows(app.id)).toBe(before);
    });

    it('asks for the DSO when none is chosen, and for the declaration of independence when it is left out', async () => {
      const app = await awaiting(URGENT);
      const none = await submitForm(spoc, page(app), { ...ORAL_GRANT, 'decision-deciderId': '', ...decidedAt('2', '3', '2026', '09', '50'), version: String(app.version) });
      expect(none.status).toBe(400);
      expect(none.text).toContain('href="#decision-deciderId"');
      expect(none.text).toContain('Choose the designated senior officer who granted it');
      const undeclared = await submitForm(spoc, page(app), {
        ...ORAL_GRANT,
        'decision-independenceDeclaration': '',
        'decision-deciderId': await userId(t, 'dso'),
        ...decidedAt('2', '3', '2026', '09', '50'),
        version: String(app.version),
      });
      expect(undeclared.status).toBe(422);
      expect(undeclared.text).toContain('href="#decision-independenceDeclaration"');
      expect(await api(app.id)).toMatchObject({ status: 'awaitingAuthorisation' });
    });

    it('has nothing to record on dso61, where the DSO decides in the service', async () => {
      const app = await awaiting({ route: 'dso61', statutoryPurpose: 'nationalSecurity', offences: null, seriousCrimeBasis: null });
      const shown = await spoc.get(page(app)).expect(200);
      expect(shown.text).toContain('there is no decision for you to record');
      expect(shown.text).not.toContain('name="idempotencyKey"');
    });
  });
});
