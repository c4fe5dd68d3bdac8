/**
 * The manager's error register pages (issue 20, item 3), on both databases: the register filtered by status, kind,
 * cause, due within N working days and overdue; recording a new error; an entry's page with its deadlines in UK
 * time, what can be done now and what a rule blocks, its verified history; the report to the IPC as a PDF kept out
 * of caches. Need-to-know and roles on every route: another authority's SRO gets "Page not found", an applicant
 * "You cannot do that"; a POST without its CSRF token changes nothing.
 */
import { CD_ERROR_RULE_CATALOGUE } from '../../src/workflow/cd-error.rule-codes';
import { createError, createSuspected, errorHistory, errorStep, getError, ipcReport, recordReport } from '../support/errors-http';
import { binaryBody, bodyText, extractPdfText } from '../support/errors-pdf-text';
import { createTestApp, isPostgres, type TestApp } from '../support/test-app';
import { agentsFor, hiddenField, submitForm } from '../support/web-session';

const NOW = '2026-03-02T10:00:00.000Z';

/** The parts of the date-time input `name`, in UK time unless `zone` says UTC. */
function typed(name: string, day: string, month: string, year: string, hour: string, minute: string, zone = 'Europe/London'): Record<string, string> {
  return { [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: year, [`${name}-hour`]: hour, [`${name}-minute`]: minute, [`${name}-zone`]: zone };
}

const NEW_ERROR = {
  errorDescription: 'Subscriber data for the wrong number was disclosed.',
  howItOccurred: 'Two digits were transposed when the number was keyed.',
  causeCode: 'incorrectIdentifier',
  responsibleParty: 'applicant',
  ...typed('discoveredAt', '23', '2', '2026', '09', '00'),
  ...typed('establishedAt', '23', '2', '2026', '09', '00'),
};

describe(`the error register pages (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  const as = agentsFor(() => t);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set(NOW));

  describe('the register', () => {
    it('lists the suspected error a failed return check raised, and filters by status, kind and cause', async () => {
      const suspected = await createSuspected(t, 'sro', 'register listing check');
      const recorded = await createError(t, 'sro', recordReport({ causeCode: 'excessData' }));
      const sro = await as('sro');
      const all = await sro.get('/web/errors').expect(200);
      expect(all.text).toContain('<h1 class="govuk-heading-l">Error register</h1>');
      expect(all.text).toContain(`href="/web/errors/${suspected.id}"`);
      expect(all.text).toContain('A check on a CSP return failed: msisdnMatchesRequest — register listing check.');
      expect(all.text).toContain('Suspected error');
      const onlySuspected = await sro.get('/web/errors?status=suspected&kind=&cause=').expect(200);
      expect(onlySuspected.text).toContain(`href="/web/errors/${suspected.id}"`);
      expect(onlySuspected.text).not.toContain(`href="/web/errors/${recorded.id}"`);
      expect(onlySuspected.text).toMatch(/<option value="suspected" selected>/);
      const byCause = await sro.get('/web/errors?cause=excessData').expect(200);
      expect(byCause.text).toContain(`href="/web/errors/${recorded.id}"`);
      expect(byCause.text).not.toContain(`href="/web/errors/${suspected.id}"`);
      expect(byCause.text).toContain('Excess data disclosed');
    });

    it('filters by due within N working days and overdue, the due date in UK time with its zone named', async () => {
      let relevant = await createError(t, 'sro', recordReport({ errorDescription: 'Due soon: the relevant one.' }));
      relevant = await errorStep(t, 'sro', relevant, { type: 'ASSESS', kind: 'relevantError' });
      const sro = await as('sro');
      const soon = await sro.get('/web/errors?dueWithinWorkingDays=10').expect(200);
      expect(soon.text).toContain(`href="/web/errors/${relevant.id}"`);
      expect(soon.text).toMatch(/\d{1,2} \w{3} 2026 \d{2}:\d{2} GMT/);
      expect((await sro.get('/web/errors?overdue=true').expect(200)).text).not.toContain(`href="/web/errors/${relevant.id}"`);
      t.clock.set('2026-04-01T10:00:00.000Z');
      const late = await sro.get('/web/errors?overdue=true').expect(200);
      expect(late.text).toContain(`href="/web/errors/${relevant.id}"`);
      expect(late.text).toContain('Overdue');
    });

    it('shows a filter the API refuses on the page, with an error summary linking to it', async () => {
      const res = await (await as('sro')).get('/web/errors?dueWithinWorkingDays=99');
      expect(res.status).toBe(400);
      expect(res.text).toContain('There is a problem');
      expect(res.text).toContain('href="#dueWithinWorkingDays"');
      expect(res.text).toContain('value="99"');
    });
  });

  describe('recording a new error', () => {
    it('records it as POST /errors does, and lands on its page', async () => {
      const sro = await as('sro');
      const form = await sro.get('/web/errors/new').expect(200);
      expect(form.text).toContain('Record an error');
      expect(form.text).toContain('UK time (GMT or BST)');
      const res = await submitForm(sro, '/web/errors/new', NEW_ERROR);
      expect(res.status).toBe(303);
      const id = /^\/web\/errors\/([0-9a-f-]{36})\?done=created$/.exec(String(res.headers.location))?.[1];
      expect(id).toBeDefined();
      const entry = await getError(t, 'sro', String(id));
      expect(entry).toMatchObject({ status: 'recorded', causeCode: 'incorrectIdentifier', establishedAt: '2026-02-23T09:00:00.000Z' });
      const page = await sro.get(String(res.headers.location)).expect(200);
      expect(page.text).toContain('Error recorded in the register');
      expect(page.text).toContain('Assess the error');
      expect(page.text).toContain('Chain verified');
    });

    it('shows the rule’s reason on the form when a date is in the future, and records nothing', async () => {
      const sro = await as('sro');
      const before = (await sro.get('/web/errors').expect(200)).text.match(/(\d+) entr/)?.[1];
      const res = await submitForm(sro, '/web/errors/new', { ...NEW_ERROR, ...typed('establishedAt', '3', '3', '2026', '09', '00') });
      expect(res.status).toBe(422);
      expect(res.text).toContain('href="#establishedAt"');
      expect(res.text).toContain(CD_ERROR_RULE_CATALOGUE.ERROR_DATE_IN_FUTURE.message);
      expect(res.text).toContain('Two digits were transposed');
      const missing = await submitForm(sro, '/web/errors/new', { ...NEW_ERROR, howItOccurred: '' });
      expect(missing.status).toBe(422);
      expect(missing.text).toContain('href="#howItOccurred"');
      expect(missing.text).toContain(CD_ERROR_RULE_CATALOGUE.ERROR_REPORT_INCOMPLETE.message);
      const partial = await submitForm(sro, '/web/errors/new', { ...NEW_ERROR, ...typed('discoveredAt', '23', '2', '2026', '', '') });
      expect(partial.status).toBe(400);
      expect(partial.text).toContain('href="#discoveredAt"');
      expect(partial.text).toContain('When the error was discovered must include an hour and minute (24-hour clock)');
      expect((await sro.get('/web/errors').expect(200)).text.match(/(\d+) entr/)?.[1]).toBe(before);
    });

    it('records once however often the same form is posted', async () => {
      const sro = await as('sro');
      const page = await sro.get('/web/errors/new').expect(200);
      const fields = { _csrf: hiddenField(page.text, '_csrf'), idempotencyKey: hiddenField(page.text, 'idempotencyKey'), ...NEW_ERROR, errorDescription: 'Posted twice.' };
      const first = await sro.post('/web/errors/new').type('form').send(fields);
      const second = await sro.post('/web/errors/new').type('form').send(fields);
      expect([first.status, second.status]).toEqual([303, 303]);
      expect(second.headers.location).toBe(first.headers.location);
      const list = await sro.get('/web/errors').expect(200);
      expect(list.text.split('>Posted twice.</a>').length - 1).toBe(1);
    });
  });

  describe('an entry’s page', () => {
    it('shows its deadlines, what can be done, what a rule blocks, its report and its verified history', async () => {
      let entry = await createError(t, 'sro', recordReport({ errorDescription: 'A recordable slip.' }));
      entry = await errorStep(t, 'sro', entry, { type: 'ASSESS', kind: 'recordableError' });
      const page = await (await as('sro')).get(`/web/errors/${entry.id}`).expect(200);
      expect(page.text).toContain('<h1 class="govuk-heading-l">A recordable slip.</h1>');
      // Not "Error: …", which GOV.UK keeps for a form that failed validation.
      expect(page.text).toMatch(/<title>\s*Register entry: A recordable slip\. –/);
      expect(page.text).toContain('Recordable error');
      expect(page.text).toContain(`href="/web/errors/${entry.id}/close"`);
      expect(page.text).toContain(`href="/web/errors/${entry.id}/edit"`);
      expect(page.text).toContain('Not possible yet');
      expect(page.text).toContain('Only relevant and operator errors are reported to the IPC.');
      expect(page.text).toContain('23 Feb 2026 09:00 GMT');
      expect(page.text).toContain('Chain verified');
      expect(page.text).toContain('Assessed');
    });

    it('serves the report to the IPC as a PDF, through the API’s service, kept out of caches', async () => {
      let entry = await createError(t, 'sro', recordReport({ errorDescription: 'For the PDF: wrong number disclosed.' }));
      entry = await errorStep(t, 'sro', entry, { type: 'ASSESS', kind: 'relevantError' });
      entry = await errorStep(t, 'sro', entry, { type: 'REPORT_TO_IPC', report: ipcReport() });
      const sro = await as('sro');
      const page = await sro.get(`/web/errors/${entry.id}`).expect(200);
      expect(page.text).toContain(`href="/web/errors/${entry.id}/report.pdf"`);
      const res = await sro.get(`/web/errors/${entry.id}/report.pdf`).buffer(true).parse(binaryBody);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['cache-control']).toBe('no-store');
      const text = bodyText(await extractPdfText(res.body as Buffer), 'OFFICIAL-SENSITIVE');
      expect(text).toContain('For the PDF: wrong number disclosed.');
      expect(text).toContain('Reported to the IPC');
    });
  });

  describe('need-to-know, roles and CSRF on every route', () => {
    const routesOf = (id: string) => [
      '/web/errors',
      '/web/errors/new',
      `/web/errors/${id}`,
      `/web/errors/${id}/report.pdf`,
      ...['record', 'dismiss', 'assess', 'edit', 'sight', 'extension', 'initial-notification', 'report', 'close', 'ipc-response', 'submissions-request', 'submissions', 'determination', 'investigation-outcome'].map((s) => `/web/errors/${id}/${s}`),
    ];

    it('is "Page not found" for another authority’s SRO on every page of an entry, the entry nowhere on their register', async () => {
      const entry = await createSuspected(t, 'sro', 'another authority must not see this');
      const other = await as('other-sro');
      for (const path of routesOf(entry.id).filter((p) => p.includes(entry.id))) {
        const res = await other.get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
        expect(res.text).toContain('Page not found');
      }
      const post = await submitForm(other, '/web/errors/new', { reason: 'Not ours to dismiss.' }, `/web/errors/${entry.id}/dismiss`);
      expect(post.status).toBe(404);
      expect((await other.get('/web/errors').expect(200)).text).not.toContain(entry.id);
      expect(await getError(t, 'sro', entry.id)).toMatchObject({ status: 'suspected', version: entry.version });
    });

    it('is "You cannot do that" for an applicant on every route', async () => {
      const entry = await createSuspected(t, 'sro', 'an applicant must not see this');
      const applicant = await as('applicant');
      for (const path of routesOf(entry.id)) {
        const res = await applicant.get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 403 });
        expect(res.text).toContain('You cannot do that');
      }
    });

    it('refuses every POST without its CSRF token and changes nothing', async () => {
      const entry = await createSuspected(t, 'sro', 'CSRF check');
      const sro = await as('sro');
      const page = await sro.get(`/web/errors/${entry.id}/dismiss`).expect(200);
      const fields = { idempotencyKey: hiddenField(page.text, 'idempotencyKey'), version: String(entry.version), reason: 'Not an error.' };
      expect((await sro.post(`/web/errors/${entry.id}/dismiss`).type('form').send(fields)).status).toBe(403);
      expect((await sro.post('/web/errors/new').type('form').send({ ...NEW_ERROR })).status).toBe(403);
      expect((await sro.post(`/web/errors/${entry.id}/dismiss`).type('form').send({ ...fields, _csrf: 'forged' })).status).toBe(403);
      expect(await errorHistory(t, 'sro', entry.id)).toHaveLength(1);
    });

    it('is "Page not found" for a step no page has', async () => {
      const entry = await createSuspected(t, 'sro', 'unknown step');
      expect((await (await as('sro')).get(`/web/errors/${entry.id}/no-such-step`)).status).toBe(404);
    });
  });
});
