/**
 * The register's exchange with the IPC, over HTTP (docs/law.md §4.4; docs/architecture.md §7.3): the SRO
 * reports straight from `assessed` with the sighting recorded; an initial notification when the full facts
 * are not ready, which leaves the full report's due date where it was, so a full report after it is flagged
 * late in the entry, the JSON report and the PDF; the IPC's request for submissions before it determines a
 * serious error (IPA s.231(5)); and the IPC's investigation of an operator error, outside s.231.
 */
import { REPORT_MARKING } from '../src/errors/error-report.view';
import { formatLondonDateTime } from '../src/workflow/london-time';
import { createError, errorStep, getError, ipcReport, sendErrorEvent, type ErrorRecord } from './support/errors-http';
import { binaryBody, bodyText, extractPdfText, squash } from './support/errors-pdf-text';
import { expectProblem } from './support/guards-no-change';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

const DRIVER = isPostgres() ? 'PostgreSQL' : 'SQLite';
const NOW = '2026-03-02T10:00:00.000Z';
const london = (iso: string): string => formatLondonDateTime(new Date(iso));

interface IpcRecord extends ErrorRecord {
  reportedLate: boolean | null;
  ipc: Record<string, Record<string, unknown>>;
}

describe(`the register's exchange with the IPC (${DRIVER})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set(NOW));

  async function assessed(kind: 'relevantError' | 'operatorError' | 'recordableError'): Promise<IpcRecord> {
    const entry = await createError(t, 'spoc');
    return (await errorStep(t, 'spoc', entry, { type: 'ASSESS', kind })) as IpcRecord;
  }

  async function reportOf(id: string) {
    const res = await t.http().get(`/errors/${id}/report`).set('authorization', `Bearer ${await t.token('sro')}`);
    expect(res.status).toBe(200);
    return res.body as { reportedLate: boolean | null; reportDueAt: string; initialNotification: Record<string, string> | null; ipc: Record<string, unknown> };
  }

  async function pdfTextOf(id: string): Promise<string> {
    const res = await t.http().get(`/errors/${id}/report.pdf`).set('authorization', `Bearer ${await t.token('sro')}`).buffer(true).parse(binaryBody);
    expect(res.status).toBe(200);
    return squash(bodyText(await extractPdfText(res.body as Buffer), REPORT_MARKING));
  }

  it('the SRO reports straight from assessed, the sighting recorded with the report', async () => {
    const entry = await assessed('relevantError');
    expect(entry.allowedEvents).toEqual([]);
    const sro = await getError(t, 'sro', entry.id);
    expect(sro.allowedEvents).toEqual(expect.arrayContaining(['SIGHT', 'REPORT_TO_IPC']));
    const reported = await errorStep(t, 'sro', sro, { type: 'REPORT_TO_IPC', report: ipcReport() });
    expect(reported).toMatchObject({ status: 'reportedToIpc', reportedAt: NOW, report: { sroSightedAt: NOW, reportedAt: NOW } });
  });

  it('an initial notification is recorded and reported; the full report keeps its due date and is flagged late when it misses it', async () => {
    let entry = await assessed('relevantError');
    const due = entry.reportDueAt as string;
    const notice = {
      whatIsKnown: 'Subscriber data for the wrong number was disclosed.',
      whyFullReportNotReady: 'The operator has not yet said whether other data went with it.',
      fullReportExpectedBy: '2026-03-20T17:00:00+00:00',
    };
    const vague = await sendErrorEvent(t, 'sro', entry, { type: 'NOTIFY_IPC_INITIAL', initialNotification: { ...notice, whyFullReportNotReady: ' ' } });
    expectProblem(vague, 422, 'INITIAL_NOTIFICATION_DETAILS_REQUIRED');
    entry = (await errorStep(t, 'sro', entry, { type: 'NOTIFY_IPC_INITIAL', initialNotification: notice })) as IpcRecord;
    expect(entry).toMatchObject({ status: 'assessed', reportDueAt: due, dueAt: due, ipc: { initialNotification: { ...notice, recordedAt: NOW } } });
    const again = await sendErrorEvent(t, 'sro', entry, { type: 'NOTIFY_IPC_INITIAL', initialNotification: notice });
    expectProblem(again, 422, 'INITIAL_NOTIFICATION_ALREADY_MADE');

    const before = await reportOf(entry.id);
    expect(before).toMatchObject({ reportDueAt: due, reportedLate: null, initialNotification: { ...notice, madeAt: NOW, madeBy: 'Ch Supt Robin Sro' } });
    const pdfBefore = await pdfTextOf(entry.id);
    expect(pdfBefore).toContain(`What is known ${notice.whatIsKnown}`);
    expect(pdfBefore).toContain(`Why the full report is not ready ${notice.whyFullReportNotReady}`);
    expect(pdfBefore).toContain(`Full report expected by ${london(notice.fullReportExpectedBy)}`);
    expect(pdfBefore).toContain('Full report late Not yet reported');

    // One millisecond after the due date the full report is late, however the IPC was notified before.
    t.clock.set(new Date(Date.parse(due) + 1).toISOString());
    const late = (await errorStep(t, 'sro', entry, { type: 'REPORT_TO_IPC', report: ipcReport() })) as IpcRecord;
    expect(late).toMatchObject({ status: 'reportedToIpc', reportDueAt: due, reportedLate: true });
    expect(await reportOf(entry.id)).toMatchObject({ reportedLate: true, reportDueAt: due });
    expect(await pdfTextOf(entry.id)).toContain('Full report late Yes: reported after its due date');
  });

  it('a full report by its due date is not late', async () => {
    const entry = await assessed('relevantError');
    const reported = (await errorStep(t, 'sro', await getError(t, 'sro', entry.id), { type: 'REPORT_TO_IPC', report: ipcReport() })) as IpcRecord;
    expect(reported.reportedLate).toBe(false);
  });

  it('a serious error is determined only after the IPC asked for the authority’s submissions and they were made (IPA s.231(5))', async () => {
    let entry = (await errorStep(t, 'sro', await getError(t, 'sro', (await assessed('relevantError')).id), { type: 'REPORT_TO_IPC', report: ipcReport() })) as IpcRecord;
    entry = (await errorStep(t, 'sro', entry, { type: 'RECORD_IPC_RESPONSE', ipcResponse: 'seriousErrorInvestigation', ipcReference: 'IPC/SEI/2026/9' })) as IpcRecord;
    expect(entry).toMatchObject({ status: 'seriousErrorInvestigation', allowedEvents: ['RECORD_SUBMISSIONS_REQUEST'] });
    const early = await sendErrorEvent(t, 'sro', entry, { type: 'RECORD_DETERMINATION', serious: true, personInformed: true });
    expect([early.status, early.body.code]).toEqual([409, 'WORKFLOW_INVALID_TRANSITION']);

    t.clock.set('2026-03-04T12:00:00.000Z');
    const beforeReport = await sendErrorEvent(t, 'sro', entry, { type: 'RECORD_SUBMISSIONS_REQUEST', submissionsRequest: { requestedAt: '2026-03-01T09:00:00+00:00' } });
    expectProblem(beforeReport, 422, 'SUBMISSIONS_REQUEST_DETAILS_REQUIRED');
    const request = { requestedAt: '2026-03-03T09:00:00+00:00', respondBy: '2026-03-10T17:00:00+00:00' };
    entry = (await errorStep(t, 'sro', entry, { type: 'RECORD_SUBMISSIONS_REQUEST', submissionsRequest: request })) as IpcRecord;
    expect(entry).toMatchObject({ status: 'submissionsRequested', ipc: { submissionsRequest: request } });
    const submissions = { text: 'The wrong subscriber was never contacted and the data was destroyed the same day.', madeAt: '2026-03-04T11:00:00+00:00' };
    entry = (await errorStep(t, 'sro', entry, { type: 'RECORD_SUBMISSIONS', submissions })) as IpcRecord;
    expect(entry).toMatchObject({ status: 'submissionsMade', ipc: { submissions } });
    entry = (await errorStep(t, 'sro', entry, { type: 'RECORD_DETERMINATION', serious: false, personInformed: false, determinationNotes: 'No significant harm.' })) as IpcRecord;
    expect(entry).toMatchObject({ status: 'closed', ipc: { determination: { serious: false, personInformed: false, notes: 'No significant harm.' } } });

    expect((await reportOf(entry.id)).ipc).toEqual({
      response: 'seriousErrorInvestigation',
      reference: 'IPC/SEI/2026/9',
      submissionsRequestedAt: request.requestedAt,
      submissionsDueBy: request.respondBy,
      submissions: submissions.text,
      submissionsMadeAt: submissions.madeAt,
      seriousError: false,
      personInformed: false,
      determinationNotes: 'No significant harm.',
      investigationOutcome: null,
    });
    const pdf = await pdfTextOf(entry.id);
    expect(pdf).toContain(`Submissions requested at (IPA s.231(5)) ${london(request.requestedAt)}`);
    expect(pdf).toContain(`Submissions made ${submissions.text}`);
    expect(pdf).toContain('Serious error No');
  });

  it('the IPC may investigate an operator error, outside s.231; a relevant error cannot go that way', async () => {
    const report = async (kind: 'relevantError' | 'operatorError') =>
      (await errorStep(t, 'sro', await getError(t, 'sro', (await assessed(kind)).id), { type: 'REPORT_TO_IPC', report: ipcReport() })) as IpcRecord;
    const relevant = await report('relevantError');
    expectProblem(await sendErrorEvent(t, 'sro', relevant, { type: 'RECORD_IPC_RESPONSE', ipcResponse: 'operatorErrorInvestigation' }), 422, 'OPERATOR_INVESTIGATION_ONLY_FOR_OPERATOR_ERRORS');

    let operator = await report('operatorError');
    operator = (await errorStep(t, 'sro', operator, { type: 'RECORD_IPC_RESPONSE', ipcResponse: 'operatorErrorInvestigation', ipcReference: 'IPC/OPS/3' })) as IpcRecord;
    expect(operator.status).toBe('operatorErrorInvestigation');
    operator = (await errorStep(t, 'sro', operator, { type: 'RECORD_INVESTIGATION_OUTCOME', investigationOutcome: 'The operator found a fault in its lookup and corrected it.' })) as IpcRecord;
    expect(operator).toMatchObject({ status: 'closed', ipc: { investigationOutcome: { outcome: 'The operator found a fault in its lookup and corrected it.' } } });
    expect(await pdfTextOf(operator.id)).toContain('Outcome of the investigation The operator found a fault in its lookup and corrected it.');
  });
});
