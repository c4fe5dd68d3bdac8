/**
 * Each step of a register entry as a page (issue 20, item 3; docs/law.md §4.4), on both databases: record the
 * suspected error a failed return check raised, assess it, report it to the IPC, record the IPC's response, its
 * request for submissions, the submissions and its determination; the other steps (dismiss, sight, extension,
 * initial notification, close, an operator-error investigation's outcome, editing the report). Each sends what the
 * API's `/errors` routes send; what a rule refuses is shown with the rule's words and changes nothing; a form posted
 * twice has one effect; a form shown before someone else's change is refused.
 */
import { CD_ERROR_RULE_CATALOGUE } from '../../src/workflow/cd-error.rule-codes';
import { createError, createSuspected, errorHistory, errorStep, getError, ipcReport, recordReport, type ErrorRecord } from '../support/errors-http';
import { createTestApp, isPostgres, type TestApp } from '../support/test-app';
import { agentsFor, hiddenField, submitForm } from '../support/web-session';

const NOW = '2026-03-02T10:00:00.000Z';

function typed(name: string, day: string, month: string, year: string, hour: string, minute: string, zone = 'Europe/London'): Record<string, string> {
  return { [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: year, [`${name}-hour`]: hour, [`${name}-minute`]: minute, [`${name}-zone`]: zone };
}

/** The IPC report's fields as the report page posts them. */
const IPC_FIELDS = {
  collateralIntrusion: 'The subscriber details of one uninvolved person were seen by the SPoC.',
  preventiveSteps: 'Numbers are now read back to the victim before submission.',
  dataWronglyObtained: 'The subscriber details of one person.',
  dataDisposal: 'destroyed',
  dataDestructionConfirmed: 'true',
  ...typed('dataDestroyedAt', '24', '2', '2026', '10', '00'),
  actionTakenOnData: 'None: the mismatch was noticed before any action was taken.',
  cspInformed: 'true',
};

describe(`the steps of an error, as pages (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  const as = agentsFor(() => t);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set(NOW));

  const path = (entry: { id: string }, step: string) => `/web/errors/${entry.id}/${step}`;

  async function post(entry: { id: string }, step: string, fields: Record<string, string>) {
    return submitForm(await as('sro'), path(entry, step), fields);
  }

  async function assessed(kind: string, description: string): Promise<ErrorRecord> {
    const entry = await createError(t, 'sro', recordReport({ errorDescription: description }));
    return errorStep(t, 'sro', entry, { type: 'ASSESS', kind });
  }

  it('records, assesses and reports the suspected error a failed return check raised, then records what the IPC did', async () => {
    const entry = await createSuspected(t, 'sro', 'journey through the steps');
    const sro = await as('sro');
    const shown = await sro.get(`/web/errors/${entry.id}`).expect(200);
    expect(shown.text).toContain('The service, from a failed check on an operator’s return');
    expect(shown.text).toContain(`href="${path(entry, 'record')}"`);

    const recordPage = await sro.get(path(entry, 'record')).expect(200);
    expect(recordPage.text).toContain('A check on a CSP return failed: msisdnMatchesRequest — journey through the steps.');
    const recorded = await post(entry, 'record', {
      errorDescription: 'The CSP returned data for a number other than the one requested.',
      howItOccurred: 'The SPOC keyed the number with two digits transposed.',
      ...typed('discoveredAt', '27', '2', '2026', '09', '00'),
      ...typed('establishedAt', '27', '2', '2026', '14', '30'),
      causeCode: 'incorrectIdentifier',
      responsibleParty: 'spoc',
      isIpRelated: 'false',
    });
    expect(recorded.status).toBe(303);
    expect(recorded.headers.location).toBe(`/web/errors/${entry.id}?done=record`);
    expect(await getError(t, 'sro', entry.id)).toMatchObject({ status: 'recorded', establishedAt: '2026-02-27T14:30:00.000Z', responsibleParty: 'spoc' });

    expect((await post(entry, 'assess', { kind: 'relevantError' })).status).toBe(303);
    const due = await getError(t, 'sro', entry.id);
    expect(due).toMatchObject({ status: 'assessed', kind: 'relevantError', reportDueAt: expect.any(String) });
    const duePage = await sro.get(`/web/errors/${entry.id}?done=assess`).expect(200);
    expect(duePage.text).toContain('Error assessed');
    expect(duePage.text).toContain('Report due by');
    expect(duePage.text).toContain('13 Mar 2026 23:59 GMT');

    const refused = await post(entry, 'report', { ...IPC_FIELDS, preventiveSteps: '' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('href="#preventiveSteps"');
    expect(refused.text).toContain(CD_ERROR_RULE_CATALOGUE.ERROR_REPORT_INCOMPLETE.message);
    expect(refused.text).toContain('The subscriber details of one person.');
    expect(await getError(t, 'sro', entry.id)).toMatchObject({ status: 'assessed', version: due.version });

    expect((await post(entry, 'report', IPC_FIELDS)).status).toBe(303);
    expect(await getError(t, 'sro', entry.id)).toMatchObject({ status: 'reportedToIpc', reportedLate: false });

    expect((await post(entry, 'ipc-response', { ipcResponse: 'seriousErrorInvestigation', ipcReference: 'IPC/SEI/2026/7' })).status).toBe(303);
    expect((await post(entry, 'submissions-request', typed('submissionsRequest-requestedAt', '2', '3', '2026', '10', '00'))).status).toBe(303);
    expect(
      (await post(entry, 'submissions', { 'submissions-text': 'The wrong subscriber was never contacted.', ...typed('submissions-madeAt', '2', '3', '2026', '10', '00') })).status,
    ).toBe(303);
    expect((await post(entry, 'determination', { serious: 'false', personInformed: 'false', determinationNotes: 'Not serious.' })).status).toBe(303);
    const closed = await getError(t, 'sro', entry.id);
    expect(closed).toMatchObject({ status: 'closed', ipc: { determination: { serious: false, personInformed: false } } });
    const history = await errorHistory(t, 'sro', entry.id);
    expect(history.map((row) => row.eventType)).toEqual([
      null,
      'RECORD',
      'ASSESS',
      'REPORT_TO_IPC',
      'RECORD_IPC_RESPONSE',
      'RECORD_SUBMISSIONS_REQUEST',
      'RECORD_SUBMISSIONS',
      'RECORD_DETERMINATION',
    ]);
    const final = await sro.get(`/web/errors/${entry.id}`).expect(200);
    expect(final.text).toContain('Closed');
    expect(final.text).toContain('Nothing is waiting on you for this error.');
    expect(final.text).toContain('Determination of the IPC recorded');
  });

  it('shows why a rule blocks a step, and refuses it with the rule’s words when posted anyway', async () => {
    const entry = await assessed('relevantError', 'Not to be closed without a report.');
    const page = await (await as('sro')).get(path(entry, 'close')).expect(200);
    expect(page.text).toContain('You cannot do this now. A rule stops it: A relevant or operator error must be reported to the IPC.');
    expect(page.text).not.toContain('name="idempotencyKey"');
    const withKey = await (await as('sro')).get(path(entry, 'sight')).expect(200);
    const res = await (await as('sro'))
      .post(path(entry, 'close'))
      .type('form')
      .send({ _csrf: hiddenField(withKey.text, '_csrf'), idempotencyKey: hiddenField(withKey.text, 'idempotencyKey'), version: String(entry.version) });
    expect(res.status).toBe(422);
    expect(res.text).toContain(CD_ERROR_RULE_CATALOGUE.CLOSE_ONLY_RECORDABLE.message);
    expect(await getError(t, 'sro', entry.id)).toMatchObject({ status: 'assessed', version: entry.version });
  });

  it('dismisses a suspected error with a reason, asking for one when it is left out', async () => {
    const entry = await createSuspected(t, 'sro', 'to dismiss');
    const none = await post(entry, 'dismiss', { reason: '' });
    expect(none.status).toBe(422);
    expect(none.text).toContain('href="#reason"');
    expect(none.text).toContain(CD_ERROR_RULE_CATALOGUE.REASON_REQUIRED.message);
    expect((await post(entry, 'dismiss', { reason: 'The number matched the authorisation after all.' })).status).toBe(303);
    expect(await getError(t, 'sro', entry.id)).toMatchObject({ status: 'dismissed' });
  });

  it('sights, agrees an extension and makes the initial notification, each refused step with the rule’s words', async () => {
    const entry = await assessed('relevantError', 'Extension and notification.');
    expect((await post(entry, 'sight', {})).status).toBe(303);
    const noReference = await post(entry, 'extension', { ...typed('agreedDueAt', '20', '3', '2026', '17', '00'), reason: 'Awaiting the CSP’s account.' });
    expect(noReference.status).toBe(422);
    expect(noReference.text).toContain('href="#ipcAgreementReference"');
    expect(noReference.text).toContain(CD_ERROR_RULE_CATALOGUE.EXTENSION_DETAILS_REQUIRED.message.replace(/'/g, '&#39;'));
    const extended = await post(entry, 'extension', { ...typed('agreedDueAt', '20', '3', '2026', '17', '00'), ipcAgreementReference: 'IPC/EXT/1', reason: 'Awaiting the CSP’s account.' });
    expect(extended.status).toBe(303);
    expect(await getError(t, 'sro', entry.id)).toMatchObject({ status: 'sroSighted', agreedDueAt: '2026-03-20T17:00:00.000Z' });
    const past = await post(entry, 'initial-notification', {
      'initialNotification-whatIsKnown': 'A subscriber check was made on the wrong number.',
      'initialNotification-whyFullReportNotReady': 'The CSP has not confirmed what it disclosed.',
      ...typed('initialNotification-fullReportExpectedBy', '1', '3', '2026', '17', '00'),
    });
    expect(past.status).toBe(422);
    expect(past.text).toContain('href="#initialNotification-fullReportExpectedBy"');
    expect(past.text).toContain(CD_ERROR_RULE_CATALOGUE.INITIAL_NOTIFICATION_DETAILS_REQUIRED.message);
    const notified = await post(entry, 'initial-notification', {
      'initialNotification-whatIsKnown': 'A subscriber check was made on the wrong number.',
      'initialNotification-whyFullReportNotReady': 'The CSP has not confirmed what it disclosed.',
      ...typed('initialNotification-fullReportExpectedBy', '16', '3', '2026', '17', '00'),
    });
    expect(notified.status).toBe(303);
    const page = await (await as('sro')).get(`/web/errors/${entry.id}`).expect(200);
    expect(page.text).toContain('Initial notification made');
    expect(page.text).toContain('The initial notification has already been made.');
  });

  it('closes a recordable error, and records an operator-error investigation’s outcome', async () => {
    const recordable = await assessed('recordableError', 'A recordable error to close.');
    expect((await post(recordable, 'close', {})).status).toBe(303);
    expect(await getError(t, 'sro', recordable.id)).toMatchObject({ status: 'closed' });

    let operator = await assessed('operatorError', 'The operator’s fault.');
    operator = await errorStep(t, 'sro', operator, { type: 'REPORT_TO_IPC', report: ipcReport() });
    const wrong = await post(operator, 'ipc-response', { ipcResponse: 'seriousErrorInvestigation' });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain(CD_ERROR_RULE_CATALOGUE.NO_S231_FOR_OPERATOR_ERRORS.message);
    expect((await post(operator, 'ipc-response', { ipcResponse: 'operatorErrorInvestigation' })).status).toBe(303);
    expect((await post(operator, 'investigation-outcome', { investigationOutcome: 'The CSP fixed its lookup.' })).status).toBe(303);
    expect(await getError(t, 'sro', operator.id)).toMatchObject({ status: 'closed', ipc: { investigationOutcome: { outcome: 'The CSP fixed its lookup.' } } });
  });

  it('edits the report as PATCH /errors/:id does, naming only what changed, and refuses clearing what makes a record', async () => {
    const entry = await createError(t, 'sro', recordReport({ errorDescription: 'To be edited.' }));
    const page = await (await as('sro')).get(path(entry, 'edit')).expect(200);
    expect(page.text).toContain('To be edited.');
    expect(page.text).toContain('name="discoveredAt-day" type="text" value="23"');
    const cleared = await post(entry, 'edit', { ...formValues(page.text), howItOccurred: '' });
    expect(cleared.status).toBe(422);
    expect(cleared.text).toContain('href="#howItOccurred"');
    const res = await post(entry, 'edit', { ...formValues(page.text), preventiveSteps: 'Read the number back.' });
    expect(res.status).toBe(303);
    const history = await errorHistory(t, 'sro', entry.id);
    expect(history.at(-1)).toMatchObject({ kind: 'edited', changes: { fields: ['preventiveSteps'] } });
    expect(await getError(t, 'sro', entry.id)).toMatchObject({ report: { preventiveSteps: 'Read the number back.', errorDescription: 'To be edited.' } });
  });

  it('sends a step once however often the same form is posted, and refuses a form shown before someone else’s change', async () => {
    const entry = await createSuspected(t, 'sro', 'posted twice');
    const sro = await as('sro');
    const page = await sro.get(path(entry, 'dismiss')).expect(200);
    const fields = {
      _csrf: hiddenField(page.text, '_csrf'),
      idempotencyKey: hiddenField(page.text, 'idempotencyKey'),
      version: hiddenField(page.text, 'version'),
      reason: 'Not an error.',
    };
    const first = await sro.post(path(entry, 'dismiss')).type('form').send(fields);
    const second = await sro.post(path(entry, 'dismiss')).type('form').send(fields);
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(await errorHistory(t, 'sro', entry.id)).toHaveLength(2);

    const other = await createSuspected(t, 'sro', 'changed meanwhile');
    const stale = await sro.get(path(other, 'dismiss')).expect(200);
    await errorStep(t, 'spoc', other, { type: 'RECORD', report: recordReport() });
    const res = await sro
      .post(path(other, 'dismiss'))
      .type('form')
      .send({ _csrf: hiddenField(stale.text, '_csrf'), idempotencyKey: hiddenField(stale.text, 'idempotencyKey'), version: hiddenField(stale.text, 'version'), reason: 'Too late.' });
    expect(res.status).toBe(412);
    expect(await getError(t, 'sro', other.id)).toMatchObject({ status: 'recorded' });
  });
});

/** Every text field, select, checked radio and date-time part a page's form shows, by name, as a browser would post them unchanged. */
function formValues(html: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const m of html.matchAll(/<input\s+class="govuk-input[^"]*" id="[^"]*" name="([^"]+)" type="text"(?: [^>]*?)? value="([^"]*)"/g)) values[m[1]] = decode(m[2]);
  for (const m of html.matchAll(/<input\s+class="govuk-radios__input" id="[^"]*" name="([^"]+)" type="radio" value="([^"]*)" checked/g)) values[m[1]] = m[2];
  for (const m of html.matchAll(/<textarea class="govuk-textarea[^"]*" id="[^"]*" name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) values[m[1]] = decode(m[2]);
  for (const m of html.matchAll(/<select class="govuk-select[^"]*" id="[^"]*" name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) values[m[1]] = /<option value="([^"]*)" selected/.exec(m[2])?.[1] ?? '';
  return values;
}

const decode = (text: string): string => text.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
