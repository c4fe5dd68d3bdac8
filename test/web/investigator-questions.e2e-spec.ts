/**
 * The investigator's pages through real HTTP (issue 19, item 3), without a browser: "My applications", starting an
 * application, the question pages (error summary linking to the field, the identifier as stored, add another
 * without JavaScript, a date-time with its zone, saving and coming back in another session), and who may open them.
 */
import type TestAgent from 'supertest/lib/agent';
import { createApplication, type AppRecord } from '../support/applications';
import { createTestApp, isPostgres, type TestApp } from '../support/test-app';
import { hiddenField, signIn, webAgent } from '../support/web-session';

/** Posts the form on `path` as a browser would: the page's CSRF token, Idempotency-Key and version, with `fields`. */
async function postPage(agent: TestAgent, path: string, fields: Record<string, string | string[]>) {
  const page = await agent.get(path).expect(200);
  const envelope: Record<string, string> = { _csrf: hiddenField(page.text, '_csrf') ?? '' };
  for (const name of ['idempotencyKey', 'version']) {
    const value = hiddenField(page.text, name);
    if (value !== undefined) envelope[name] = value;
  }
  return agent.post(path).type('form').send({ ...envelope, ...fields });
}

/** The application as the API answers it, read with a bearer token. */
type Record_ = AppRecord & { form: Record<string, unknown> & { identifiers?: unknown[] | null; dataItems: Record<string, unknown>[] } };

async function apiRecord(t: TestApp, id: string, user = 'applicant'): Promise<Record_> {
  const res = await t.http().get(`/applications/${id}`).set('authorization', `Bearer ${await t.token(user)}`).expect(200);
  return res.body as Record_;
}

/** Starts an application from "My applications"; its id, from where the start button sends the person. */
async function startApplication(agent: TestAgent): Promise<string> {
  const res = await postPage(agent, '/web/applications', {});
  expect(res.status).toBe(303);
  const match = /^\/web\/applications\/([0-9a-f-]{36})\/form\/about$/.exec(String(res.headers.location));
  expect(match).not.toBeNull();
  return match![1];
}

const IDENTIFIER = { 'identifiers-0-ref': '', 'identifiers-0-subjectRef': '', 'identifiers-0-type': 'msisdn', 'identifiers-0-value': '07911 123456', 'identifiers-0-source': 'victim statement' };

describe(`web pages: the investigator's questions (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('"My applications" lists the applicant’s own applications with their status, what waits on them first, and none of another force', async () => {
    const own = await createApplication(t, 'applicant');
    const theirs = await createApplication(t, 'other-applicant');
    const agent = await webAgent(t, 'applicant');
    const page = await agent.get('/web/applications').expect(200);
    expect(page.text).toContain('<h1 class="govuk-heading-l">My applications</h1>');
    expect(page.text).toContain(`href="/web/applications/${own.id}"`);
    expect(page.text).toContain(own.urn);
    expect(page.text).not.toContain(theirs.urn);
    expect(page.text).not.toContain(theirs.id);
    // Waiting on you comes first, with what to do; the table gives the status in words.
    const waiting = page.text.indexOf('Waiting on you');
    const all = page.text.indexOf('All your applications');
    expect(waiting).toBeGreaterThan(0);
    expect(all).toBeGreaterThan(waiting);
    expect(page.text.slice(waiting, all)).toContain(`/web/applications/${own.id}/check-answers`);
    expect(page.text.slice(waiting, all)).toContain('Finish it and submit it to the SPOC');
    expect(page.text).toContain('govuk-tag--grey');
    expect(page.text).toContain('>Draft<');
    // The filter by status.
    const filtered = await agent.get('/web/applications?status=spocReview').expect(200);
    expect(filtered.text.slice(filtered.text.indexOf('All your applications'))).not.toContain(own.urn);
    expect(filtered.text).toContain('You have no applications that are with the spoc for review.');
  });

  it('pages through a long list, 20 to a page', async () => {
    const made: AppRecord[] = [];
    for (let i = 0; i < 21; i += 1) made.push(await createApplication(t, 'applicant2'));
    const agent = await webAgent(t, 'applicant2');
    const urns = (html: string): string[] => [...html.slice(html.indexOf('All your applications')).matchAll(/>(TVP\/CD\/\d{4}\/\d{6})</g)].map((m) => m[1]);
    const first = await agent.get('/web/applications').expect(200);
    expect(first.text).toContain('21 applications');
    expect(first.text).toContain('href="/web/applications?page=2"');
    const second = await agent.get('/web/applications?page=2').expect(200);
    expect(second.text).toContain('href="/web/applications?page=1"');
    expect(urns(first.text)).toHaveLength(20);
    expect([...urns(first.text), ...urns(second.text)].sort()).toEqual(made.map((a) => a.urn).sort());
  });

  it('starts an application with the start button (once for a double click) and leads through the question pages to check your answers', async () => {
    const agent = await webAgent(t, 'applicant');
    const list = await agent.get('/web/applications').expect(200);
    const form = { _csrf: hiddenField(list.text, '_csrf'), idempotencyKey: hiddenField(list.text, 'idempotencyKey') };
    const first = await agent.post('/web/applications').type('form').send(form).expect(303);
    const second = await agent.post('/web/applications').type('form').send(form).expect(303);
    expect(second.headers.location).toBe(first.headers.location);
    const id = /applications\/([0-9a-f-]{36})\/form\/about$/.exec(String(first.headers.location))![1];
    const api = await apiRecord(t, id);
    expect(api.status).toBe('draft');

    const about = await agent.get(`/web/applications/${id}/form/about`).expect(200);
    expect(about.text).toContain('About the application');
    for (const label of ['Your name', 'Your office, rank or position', 'Investigation reference', 'Who will authorise it?', 'Priority grade']) expect(about.text).toContain(label);
    expect(about.text).toContain('value="dso61A"');
    const saved = await postPage(agent, `/web/applications/${id}/form/about`, {
      'applicantDetails-name': 'DC Alex Applicant',
      'applicantDetails-officeRankPosition': 'Detective Constable',
      'applicantDetails-designation': '',
      'applicantDetails-team': 'CID',
      'applicantDetails-contact': '',
      investigationRef: 'TVP-2026-0042',
      operationName: 'Op Kestrel',
      route: 'ipc60A',
      priorityGrade: 'grade3',
      action: 'continue',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/web/applications/${id}/form/purpose`);
    const after = await apiRecord(t, id);
    expect(after.form).toMatchObject({ operationName: 'Op Kestrel', investigationRef: 'TVP-2026-0042', route: 'ipc60A', priorityGrade: 'grade3' });
    expect(after.form.applicantDetails).toMatchObject({ name: 'DC Alex Applicant', officeRankPosition: 'Detective Constable', team: 'CID', designation: null });
    // The saved answers are shown again; the last page leads to check your answers.
    const again = await agent.get(`/web/applications/${id}/form/about`).expect(200);
    expect(again.text).toContain('value="Op Kestrel"');
    expect(again.text).toMatch(/value="ipc60A" checked/);
    const last = await postPage(agent, `/web/applications/${id}/form/justification`, {
      necessity: 'N',
      proportionality: 'P',
      collateralIntrusion: 'C',
      unintendedConsequences: 'U',
      howDataWillBeUsed: 'H',
      action: 'continue',
    });
    expect(last.headers.location).toBe(`/web/applications/${id}/check-answers`);
    const later = await postPage(agent, `/web/applications/${id}/form/purpose`, { statutoryPurpose: 'applicableCrime', investigationSummary: 'S', seriousCrimeBasis: '', action: 'later' });
    expect(later.status).toBe(303);
    expect(later.headers.location).toBe(`/web/applications/${id}`);
  });

  it('shows an invalid identifier in an error summary linking to the field, keeps what was typed, and saves nothing', async () => {
    const agent = await webAgent(t, 'applicant');
    const id = await startApplication(agent);
    const res = await postPage(agent, `/web/applications/${id}/form/identifiers`, { ...IDENTIFIER, 'identifiers-0-value': '07911 12345X', action: 'continue' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('govuk-error-summary');
    expect(res.text).toContain('href="#identifiers-0-value"');
    expect(res.text).toMatch(/<p id="identifiers-0-value-error" class="govuk-error-message">\s*<span class="govuk-visually-hidden">Error:<\/span> Identifier 1: a phone number must not contain letters/);
    expect(res.text).toContain('value="07911 12345X"');
    expect(res.text).toContain('<title>Error: ');
    expect((await apiRecord(t, id)).form.identifiers ?? null).toBeNull();
    // A missing source is said in words too.
    const missing = await postPage(agent, `/web/applications/${id}/form/identifiers`, { ...IDENTIFIER, 'identifiers-0-source': '', action: 'continue' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('href="#identifiers-0-source"');
    expect(missing.text).toContain('Identifier 1: enter where the identifier came from');
  });

  it('shows each identifier as stored (normalised) after saving, and the data page offers it by its reference', async () => {
    const agent = await webAgent(t, 'applicant');
    const id = await startApplication(agent);
    const res = await postPage(agent, `/web/applications/${id}/form/identifiers`, { ...IDENTIFIER, action: 'continue' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/web/applications/${id}/form/identifiers?saved=1`);
    const stored = (await apiRecord(t, id)).form.identifiers;
    expect(stored).toEqual([expect.objectContaining({ ref: 'id1', value: '07911 123456', normalisedValue: '+447911123456' })]);
    const page = await agent.get(res.headers.location).expect(200);
    expect(page.text).toContain('Identifiers saved. Check each one as the service stored it.');
    expect(page.text).toContain('<strong>+447911123456</strong> (you typed 07911 123456)');
    expect(page.text).toContain('Stored as <strong data-testid="stored-as">+447911123456</strong>');
    expect(page.text).toContain(`href="/web/applications/${id}/form/data"`);
    const data = await agent.get(`/web/applications/${id}/form/data`).expect(200);
    expect(data.text).toContain('<option value="id1">id1: Telephone number +447911123456</option>');
  });

  it('adds another row and removes one without JavaScript: the form comes back with the answers kept and nothing saved', async () => {
    const agent = await webAgent(t, 'applicant');
    const id = await startApplication(agent);
    const path = `/web/applications/${id}/form/identifiers`;
    const first = await agent.get(path).expect(200);
    expect(first.text).toContain('id="identifiers-0-value"');
    expect(first.text).not.toContain('id="identifiers-1-value"');
    const added = await postPage(agent, path, { ...IDENTIFIER, action: 'add-identifiers' });
    expect(added.status).toBe(200);
    expect(added.text).toContain('value="07911 123456"');
    expect(added.text).toContain('id="identifiers-1-value"');
    expect(added.text).toContain('Add another identifier');
    expect((await apiRecord(t, id)).version).toBe(1);
    // The second row filled in and saved with the first.
    const both = await agent
      .post(path)
      .type('form')
      .send({
        _csrf: hiddenField(added.text, '_csrf'),
        idempotencyKey: hiddenField(added.text, 'idempotencyKey'),
        version: hiddenField(added.text, 'version'),
        ...IDENTIFIER,
        'identifiers-1-ref': '',
        'identifiers-1-subjectRef': '',
        'identifiers-1-type': 'imei',
        'identifiers-1-value': '35-209900-176148-1',
        'identifiers-1-source': 'seized handset',
        action: 'continue',
      })
      .expect(303);
    expect(both.headers.location).toContain('saved=1');
    expect((await apiRecord(t, id)).form.identifiers).toEqual([
      expect.objectContaining({ ref: 'id1', normalisedValue: '+447911123456' }),
      expect.objectContaining({ ref: 'id2', type: 'imei', normalisedValue: '352099001761481' }),
    ]);
    // Remove the first: shown again without it, and saved only when saved.
    const shown = await agent.get(path).expect(200);
    expect(shown.text).toContain('Remove<span class="govuk-visually-hidden"> identifier 1</span>');
    const removed = await postPage(agent, path, {
      'identifiers-0-ref': 'id1',
      'identifiers-0-subjectRef': '',
      'identifiers-0-type': 'msisdn',
      'identifiers-0-value': '07911 123456',
      'identifiers-0-source': 'victim statement',
      'identifiers-1-ref': 'id2',
      'identifiers-1-subjectRef': '',
      'identifiers-1-type': 'imei',
      'identifiers-1-value': '35-209900-176148-1',
      'identifiers-1-source': 'seized handset',
      action: 'remove-identifiers-0',
    });
    expect(removed.status).toBe(200);
    expect(removed.text).not.toContain('value="07911 123456"');
    expect(removed.text).toContain('value="35-209900-176148-1"');
    expect((await apiRecord(t, id)).form.identifiers).toHaveLength(2);
  });

  it('a period start typed in UK time during BST is stored with +01:00 and shown again as typed; an impossible one is a field error', async () => {
    const agent = await webAgent(t, 'applicant');
    const id = await startApplication(agent);
    await postPage(agent, `/web/applications/${id}/form/identifiers`, { ...IDENTIFIER, action: 'continue' }).then((r) => expect(r.status).toBe(303));
    const path = `/web/applications/${id}/form/data`;
    const item = (start: Record<string, string>) => ({
      'dataItems-0-ref': '',
      'dataItems-0-timeZone': '',
      'dataItems-0-identifierRef': 'id1',
      'dataItems-0-subtype': 'callDataRecords',
      'dataItems-0-periodKind': 'historic',
      ...Object.fromEntries(Object.entries(start).map(([k, v]) => [`dataItems-0-periodStart-${k}`, v])),
      'dataItems-0-periodEnd-day': '2',
      'dataItems-0-periodEnd-month': '6',
      'dataItems-0-periodEnd-year': '2025',
      'dataItems-0-periodEnd-hour': '09',
      'dataItems-0-periodEnd-minute': '00',
      'dataItems-0-periodEnd-zone': 'UTC',
      'dataItems-0-csp': 'Vodafone',
      'dataItems-0-icrCondition': '',
      action: 'continue',
    });
    const bad = await postPage(agent, path, item({ day: '31', month: '6', year: '2025', hour: '14', minute: '30', zone: 'Europe/London' }));
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#dataItems-0-periodStart"');
    expect(bad.text).toContain('The start of the period must be a real date');
    expect(bad.text).toContain('id="dataItems-0-periodStart"');
    const gap = await postPage(agent, path, item({ day: '30', month: '3', year: '2025', hour: '01', minute: '30', zone: 'Europe/London' }));
    expect(gap.status).toBe(400);
    expect(gap.text).toContain('does not exist in UK time (the clocks went forward then): give it in UTC');

    const ok = await postPage(agent, path, item({ day: '1', month: '6', year: '2025', hour: '14', minute: '30', zone: 'Europe/London' }));
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(`/web/applications/${id}/form/justification`);
    const [stored] = (await apiRecord(t, id)).form.dataItems;
    expect(stored).toMatchObject({ ref: 'd1', identifierRef: 'id1', category: 'events', subtype: 'callDataRecords', periodStart: '2025-06-01T14:30:00+01:00', periodEnd: '2025-06-02T09:00:00+00:00' });
    const page = await agent.get(path).expect(200);
    for (const [part, value] of Object.entries({ day: '1', month: '6', year: '2025', hour: '14', minute: '30' })) {
      expect(page.text).toMatch(new RegExp(`id="dataItems-0-periodStart-${part}" name="dataItems-0-periodStart-${part}" type="text"[^>]* value="${value}"`));
    }
    expect(page.text).toMatch(/id="dataItems-0-periodStart-zone" name="dataItems-0-periodStart-zone" type="radio" value="Europe\/London" checked/);
    // The end, typed in UTC, is the same instant shown in UK time (BST) with the zone said.
    expect(page.text).toMatch(/id="dataItems-0-periodEnd-hour" name="dataItems-0-periodEnd-hour" type="text"[^>]* value="10"/);
  });

  it('keeps a draft across sessions: save and come back later, sign out, sign in again and carry on', async () => {
    const agent = await webAgent(t, 'applicant');
    const id = await startApplication(agent);
    const saved = await postPage(agent, `/web/applications/${id}/form/justification`, {
      necessity: 'The phone links the suspect to the robbery.',
      proportionality: '',
      collateralIntrusion: '',
      unintendedConsequences: '',
      howDataWillBeUsed: '',
      action: 'later',
    });
    expect(saved.headers.location).toBe(`/web/applications/${id}`);
    const out = await agent.get('/sign-out').expect(200);
    await agent.post('/sign-out').type('form').send({ _csrf: hiddenField(out.text, '_csrf') }).expect(200);
    await agent.get(`/web/applications/${id}/form/justification`).expect(303);

    const next = await webAgent(t);
    expect((await signIn(next, 'applicant')).status).toBe(303);
    const list = await next.get('/web/applications').expect(200);
    expect(list.text).toContain(`/web/applications/${id}/check-answers`);
    const page = await next.get(`/web/applications/${id}/form/justification`).expect(200);
    expect(page.text).toContain('The phone links the suspect to the robbery.');
    const more = await postPage(next, `/web/applications/${id}/form/justification`, {
      necessity: 'The phone links the suspect to the robbery.',
      proportionality: 'Subscriber data only, one day.',
      collateralIntrusion: '',
      unintendedConsequences: '',
      howDataWillBeUsed: '',
      action: 'continue',
    });
    expect(more.status).toBe(303);
    expect((await apiRecord(t, id)).form).toMatchObject({ necessity: 'The phone links the suspect to the robbery.', proportionality: 'Subscriber data only, one day.' });
  });

  it('asks why it is urgent on the urgent route, and saves offences, subjects and their answers', async () => {
    const agent = await webAgent(t, 'applicant');
    const id = await startApplication(agent);
    const before = await agent.get(`/web/applications/${id}/form/justification`).expect(200);
    expect(before.text).not.toContain('id="urgencyJustification"');
    await postPage(agent, `/web/applications/${id}/form/about`, { route: 'dso61A', priorityGrade: 'grade1', action: 'continue' }).then((r) => expect(r.status).toBe(303));
    const page = await agent.get(`/web/applications/${id}/form/justification`).expect(200);
    expect(page.text).toContain('id="urgencyJustification"');
    await postPage(agent, `/web/applications/${id}/form/justification`, { necessity: 'N', urgencyJustification: 'A child is missing tonight.', action: 'continue' }).then((r) => expect(r.status).toBe(303));
    expect((await apiRecord(t, id)).form.urgencyJustification).toBe('A child is missing tonight.');

    const purpose = await postPage(agent, `/web/applications/${id}/form/purpose`, {
      statutoryPurpose: 'applicableCrime',
      'offences-0-description': 'Robbery',
      'offences-0-statute': 'Theft Act 1968 s.8',
      'offences-0-maxSentenceAdultMonths': '999',
      'offences-0-facts': ['isS263SeriousCrime'],
      'offences-1-description': '',
      'offences-1-statute': '',
      'offences-1-maxSentenceAdultMonths': '',
      seriousCrimeBasis: 'twelveMonthsPlus',
      investigationSummary: 'A street robbery.',
      action: 'continue',
    });
    expect(purpose.status).toBe(303);
    expect((await apiRecord(t, id)).form.offences).toEqual([{ description: 'Robbery', statute: 'Theft Act 1968 s.8', maxSentenceAdultMonths: 999, isS263SeriousCrime: true }]);
    const months = await postPage(agent, `/web/applications/${id}/form/purpose`, { statutoryPurpose: 'applicableCrime', 'offences-0-description': 'Robbery', 'offences-0-statute': '', 'offences-0-maxSentenceAdultMonths': 'ten years', action: 'continue' });
    expect(months.status).toBe(400);
    expect(months.text).toContain('href="#offences-0-maxSentenceAdultMonths"');
    expect(months.text).toContain('Offence 1: the maximum sentence in months must be a whole number');

    const subjects = await postPage(agent, `/web/applications/${id}/form/subjects`, {
      'subjects-0-role': 'victim',
      'subjects-0-name': 'V1',
      'subjects-0-linkToEvent': '',
      sensitiveProfession: 'none',
      sensitiveProfessionConsiderations: '',
      journalisticSourceSought: 'no',
      imminentThreatToLife: 'yes',
      action: 'continue',
    });
    expect(subjects.headers.location).toBe(`/web/applications/${id}/form/identifiers`);
    const form = (await apiRecord(t, id)).form;
    expect(form).toMatchObject({ subjects: [{ role: 'victim', name: 'V1', linkToEvent: null }], journalisticSourceSought: false, imminentThreatToLife: true });
    expect(form.sensitiveProfession ?? null).toBeNull();
    const shown = await agent.get(`/web/applications/${id}/form/subjects`).expect(200);
    expect(shown.text).toMatch(/value="none" checked/);
    expect(shown.text).toMatch(/<option value="victim" selected>Victim<\/option>/);
  });

  it('saves only what changed: a page saved again unchanged writes no history row, and the row of a change names only it', async () => {
    const agent = await webAgent(t, 'applicant');
    const id = await startApplication(agent);
    const fields = { necessity: 'N', proportionality: 'P', collateralIntrusion: '', unintendedConsequences: '', howDataWillBeUsed: '', action: 'continue' };
    await postPage(agent, `/web/applications/${id}/form/justification`, fields).then((r) => expect(r.status).toBe(303));
    expect((await apiRecord(t, id)).version).toBe(2);
    await postPage(agent, `/web/applications/${id}/form/justification`, fields).then((r) => expect(r.status).toBe(303));
    expect((await apiRecord(t, id)).version).toBe(2);
    await postPage(agent, `/web/applications/${id}/form/justification`, { ...fields, proportionality: 'P, one day only' }).then((r) => expect(r.status).toBe(303));
    const history = await t.http().get(`/applications/${id}/history`).set('authorization', `Bearer ${await t.token('applicant')}`).expect(200);
    const items = (history.body as { items: { kind: string; changes: { fields: string[] } }[] }).items;
    expect(items.map((i) => i.kind)).toEqual(['created', 'edited', 'edited']);
    expect(items[1].changes.fields).toEqual(['necessity', 'proportionality']);
    expect(items[2].changes.fields).toEqual(['proportionality']);
  });

  it('refuses a question page POST without its CSRF token (403) and changes nothing', async () => {
    const agent = await webAgent(t, 'applicant');
    const id = await startApplication(agent);
    const page = await agent.get(`/web/applications/${id}/form/about`).expect(200);
    const res = await agent
      .post(`/web/applications/${id}/form/about`)
      .type('form')
      .send({ idempotencyKey: hiddenField(page.text, 'idempotencyKey'), version: '1', investigationRef: 'FORGED', action: 'continue' })
      .expect(403);
    expect(res.text).toContain('You cannot do that');
    const api = await apiRecord(t, id);
    expect(api.version).toBe(1);
    expect(api.form.investigationRef ?? null).toBeNull();
  });

  it('shows another force’s application’s pages as Page not found, and refuses the pages to a SPOC', async () => {
    const app = await createApplication(t, 'applicant');
    const other = await webAgent(t, 'other-applicant');
    for (const path of ['form/about', 'form/data', 'check-answers', 'withdraw', 'outcome', 'renew']) {
      const res = await other.get(`/web/applications/${app.id}/${path}`).expect(404);
      expect(res.text).toContain('Page not found');
      expect(res.text).not.toContain(app.urn);
    }
    const page = await other.get('/web/applications').expect(200);
    const forged = await other
      .post(`/web/applications/${app.id}/form/about`)
      .type('form')
      .send({ _csrf: hiddenField(page.text, '_csrf'), idempotencyKey: hiddenField(page.text, 'idempotencyKey'), version: '1', investigationRef: 'FORGED', action: 'continue' })
      .expect(404);
    expect(forged.text).toContain('Page not found');
    expect((await apiRecord(t, app.id)).form.investigationRef).toBe('TVP-2026-0042');

    const spoc = await webAgent(t, 'spoc');
    const refused = await spoc.get(`/web/applications/${app.id}/form/about`).expect(403);
    expect(refused.text).toContain('You cannot do that');
    await spoc.get('/web/applications').expect(403);
    await other.get(`/web/applications/${app.id}/form/nonsense`).expect(404);
  });
});
