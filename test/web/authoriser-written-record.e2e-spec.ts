/**
 * A DSO's urgent decisions through the web pages (issue 19): the oral grant on dso61A from the decision page, the
 * written-record clock on the queue and on the written-record page (due by, time left, overdue in words), the
 * written record made from that page clearing it; the s.76 finding of a DSO when no SPOC was consulted; and
 * need-to-know and roles on the written-record page.
 */
import { completeForm, createApplication, SPOC_SECTION, step, type AppRecord } from '../support/applications';
import { createTestApp, isPostgres, type TestApp } from '../support/test-app';
import { agentsFor, hiddenField, submitForm } from '../support/web-session';

const URGENT = { route: 'dso61A', priorityGrade: 'grade1', urgencyJustification: 'A missing child is believed to be with the suspect tonight.' };
const GRANT_FIELDS = {
  decision: 'GRANT',
  rationale: 'A child’s life may be at risk tonight; subscriber data for one day is the least intrusive means.',
  officeRank: 'Superintendent',
  conductAuthorised: 'Obtain the subscriber data of the number for 1 March 2026.',
  independenceDeclaration: 'yes',
};

describe(`web pages: a DSO's urgent grants and their written record (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set('2026-03-02T10:00:00.000Z'));

  const as = agentsFor(() => t);

  async function read(id: string): Promise<AppRecord> {
    const res = await t.http().get(`/applications/${id}`).set('authorization', `Bearer ${await t.token('spoc')}`).expect(200);
    return res.body as AppRecord;
  }

  /** An urgent application the SPOC advised on, awaiting the DSO. */
  async function urgentAwaiting(): Promise<AppRecord> {
    let app = await createApplication(t, 'applicant', completeForm(URGENT));
    app = await step(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
    return step(t, 'spoc', app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
  }

  /** An urgent application the DSO granted orally from the decision page. */
  async function grantedOrally(): Promise<AppRecord> {
    const app = await urgentAwaiting();
    const res = await submitForm(await as('dso'), `/web/applications/${app.id}/decide`, { ...GRANT_FIELDS, oral: 'yes' });
    expect(res.status).toBe(303);
    return read(app.id);
  }

  it('offers a DSO the oral grant on dso61A; granted orally, the written record falls due at the end of the next working day', async () => {
    const app = await urgentAwaiting();
    const page = await (await as('dso')).get(`/web/applications/${app.id}/decide`).expect(200);
    expect(page.text).toContain('I granted this orally');
    expect(page.text).toContain('id="decision-oral"');
    // The SPOC advised, so no s.76 finding is asked for.
    expect(page.text).not.toContain('decision-findings-spocNotConsulted-reasons');
    const granted = await grantedOrally();
    expect(granted).toMatchObject({ status: 'authorised', oralGrant: true, writtenRecordDueAt: '2026-03-03T23:59:59.999Z' });
  });

  it('shows the clock on the written-record page and in the DSO’s queue, then overdue in words; the written record clears it', async () => {
    const app = await grantedOrally();
    const dso = await as('dso');
    const page = await dso.get(`/web/applications/${app.id}/written-record`).expect(200);
    expect(page.text).toContain('Written record due by 3 Mar 2026 23:59 GMT — 37 hours left');
    expect(page.text).toContain('Your written record of the oral grant');
    expect(page.text).toContain('Save the written record');
    const queue = await dso.get('/web/decisions').expect(200);
    expect(queue.text).toContain(`href="/web/applications/${app.id}/written-record"`);
    expect(queue.text).toContain('Written record due by 3 Mar 2026 23:59 GMT — 37 hours left');

    t.clock.set('2026-03-04T09:30:00.000Z');
    const late = await dso.get(`/web/applications/${app.id}/written-record`).expect(200);
    expect(late.text).toContain('Overdue');
    expect(late.text).toContain('Written record overdue: it was due by 3 Mar 2026 23:59 GMT, 9 hours ago');
    const lateQueue = await dso.get('/web/decisions').expect(200);
    expect(lateQueue.text).toContain('Written record overdue: it was due by 3 Mar 2026 23:59 GMT, 9 hours ago');

    const written = 'Granted orally at 10:00 on 2 March to DC Applicant; necessary and proportionate to find the child.';
    const res = await submitForm(dso, `/web/applications/${app.id}/written-record`, { writtenRecord: written });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/web/applications/${app.id}`);
    expect((await read(app.id)).writtenRecordDueAt).toBeNull();
    const after = await dso.get(`/web/applications/${app.id}/written-record`).expect(200);
    expect(after.text).toContain('No written record is outstanding for this application.');
    expect(after.text).not.toContain('Save the written record');
    const afterQueue = await dso.get('/web/decisions').expect(200);
    expect(afterQueue.text).not.toContain(`/web/applications/${app.id}/written-record`);
    const record = await dso.get(`/web/applications/${app.id}`).expect(200);
    expect(record.text).toContain(written);
  });

  it('a double submit of the written record has one effect', async () => {
    const app = await grantedOrally();
    const dso = await as('dso');
    const page = await dso.get(`/web/applications/${app.id}/written-record`).expect(200);
    const body = {
      _csrf: hiddenField(page.text, '_csrf'),
      idempotencyKey: hiddenField(page.text, 'idempotencyKey'),
      version: hiddenField(page.text, 'version'),
      writtenRecord: 'Written record of my oral grant.',
    };
    await dso.post(`/web/applications/${app.id}/written-record`).type('form').send(body).expect(303);
    await dso.post(`/web/applications/${app.id}/written-record`).type('form').send(body).expect(303);
    const history = await t.http().get(`/applications/${app.id}/history`).set('authorization', `Bearer ${await t.token('spoc')}`).expect(200);
    const written = (history.body as { items: { eventType: string }[] }).items.filter((i) => i.eventType === 'RECORD_WRITTEN');
    expect(written).toHaveLength(1);
  });

  it('is Page not found for a DSO of another force and a 403 page for an applicant; its POST without CSRF is 403', async () => {
    const app = await grantedOrally();
    const hidden = await (await as('other-dso')).get(`/web/applications/${app.id}/written-record`).expect(404);
    expect(hidden.text).not.toContain(app.urn);
    await (await as('applicant')).get(`/web/applications/${app.id}/written-record`).expect(403);
    await (await as('spoc')).get(`/web/applications/${app.id}/written-record`).expect(403);
    const dso = await as('dso');
    const page = await dso.get(`/web/applications/${app.id}/written-record`).expect(200);
    await dso
      .post(`/web/applications/${app.id}/written-record`)
      .type('form')
      .send({ idempotencyKey: hiddenField(page.text, 'idempotencyKey'), version: hiddenField(page.text, 'version'), writtenRecord: 'x' })
      .expect(403);
    expect((await read(app.id)).writtenRecordDueAt).not.toBeNull();
  });

  it('asks a DSO for their own s.76 finding when no SPOC was consulted, and shows the rule when it is missing', async () => {
    let app = await createApplication(t, 'applicant', completeForm({ ...URGENT, exceptionalCircumstances: 'No SPOC on duty could be reached in time.' }));
    app = await step(t, 'applicant', app, { type: 'SUBMIT_URGENT_WITHOUT_SPOC' });
    const dso = await as('dso');
    const page = await dso.get(`/web/applications/${app.id}/decide`).expect(200);
    expect(page.text).toContain('No SPOC was consulted');
    expect(page.text).toContain('No SPOC on duty could be reached in time.');
    expect(page.text).toContain('id="decision-findings-spocNotConsulted-reasons"');
    const refused = await submitForm(dso, `/web/applications/${app.id}/decide`, GRANT_FIELDS);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('href="#decision-findings-spocNotConsulted-reasons"');
    const res = await submitForm(dso, `/web/applications/${app.id}/decide`, { ...GRANT_FIELDS, spocNotConsulted: 'A child is missing tonight; no SPOC could be reached in time.' });
    expect(res.status).toBe(303);
    expect(await read(app.id)).toMatchObject({
      status: 'authorised',
      findings: { spocNotConsulted: { recordedBy: 'designatedSeniorOfficer', reasons: 'A child is missing tonight; no SPOC could be reached in time.' } },
    });
  });
});
