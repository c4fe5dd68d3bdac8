/**
 * What a CD error register entry tells its SPOCs and SRO (docs/architecture.md §7, §8, §11), over HTTP, on
 * SQLite and, with DATABASE_URL, on PostgreSQL: `GET /errors/:id/history` names people and says per row
 * what changed, without repeating the report; `allowedEvents` lists only what the caller can send now and
 * `blockedEvents` what a rule blocks whatever the payload, with the rule's code and words — and sending
 * one is refused with exactly that rule.
 */
import {
  createError,
  createSuspected,
  errorHistory,
  errorStep,
  getError,
  patchError,
  recordReport,
  sendErrorEvent,
  verifyError,
  type ErrorRecord,
} from './support/errors-http';
import { userIds } from './support/lifecycle-http';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

const SCHEDULER_ID = '00000000-0000-0000-0000-000000000000';

describe(`the register entry's history and blocked events (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  let ids: Map<string, string>;
  const idOf = (u: string): string => ids.get(u) ?? '(unknown)';

  beforeAll(async () => {
    t = await createTestApp();
    ids = await userIds(t, ['spoc', 'sro']);
  });
  afterAll(() => t.close());

  /** An entry recorded by the SPOC, its report edited, assessed recordable, and sighted by the SRO. */
  async function sightedRecordable(): Promise<ErrorRecord> {
    let entry = await createError(t, 'spoc');
    expect(entry).toMatchObject({ status: 'recorded', allowedEvents: ['DISMISS', 'ASSESS'], blockedEvents: [] });
    const edited = await patchError(t, 'spoc', entry, { report: { preventiveSteps: 'Numbers are read back to the victim.' } });
    expect(edited.status).toBe(200);
    entry = edited.body as ErrorRecord;
    entry = await errorStep(t, 'spoc', entry, { type: 'ASSESS', kind: 'recordableError' });
    // The SRO may sight it, or close it at once with the sighting recorded (docs/law.md §4.4).
    expect(await getError(t, 'sro', entry.id)).toMatchObject({
      allowedEvents: ['SIGHT', 'CLOSE'],
      blockedEvents: [
        { event: 'AGREE_EXTENSION', code: 'EXTENSION_ONLY_FOR_RELEVANT_ERRORS', message: 'only a relevant error has a report deadline to extend' },
        { event: 'NOTIFY_IPC_INITIAL', code: 'REPORT_ONLY_RELEVANT_OR_OPERATOR', message: 'only relevant and operator errors are reported to the IPC' },
        { event: 'REPORT_TO_IPC', code: 'REPORT_ONLY_RELEVANT_OR_OPERATOR', message: 'only relevant and operator errors are reported to the IPC' },
      ],
    });
    return errorStep(t, 'sro', entry, { type: 'SIGHT' });
  }

  it('offers a sighted recordable error only closing, says why not the rest, and refuses those with that rule', async () => {
    const entry = await sightedRecordable();
    const seen = await getError(t, 'sro', entry.id);
    expect(seen).toMatchObject({
      status: 'sroSighted',
      allowedEvents: ['CLOSE'],
      blockedEvents: [
        { event: 'AGREE_EXTENSION', code: 'EXTENSION_ONLY_FOR_RELEVANT_ERRORS', message: 'only a relevant error has a report deadline to extend' },
        { event: 'NOTIFY_IPC_INITIAL', code: 'REPORT_ONLY_RELEVANT_OR_OPERATOR', message: 'only relevant and operator errors are reported to the IPC' },
        { event: 'REPORT_TO_IPC', code: 'REPORT_ONLY_RELEVANT_OR_OPERATOR', message: 'only relevant and operator errors are reported to the IPC' },
      ],
    });
    for (const blocked of seen.blockedEvents) {
      const res = await sendErrorEvent(t, 'sro', seen, {
        type: blocked.event,
        reason: 'The IPC agreed.',
        agreedDueAt: '2026-04-30T23:59:59.999+00:00',
        ipcAgreementReference: 'IPC/ERR/1',
        report: recordReport(),
      });
      expect([res.status, res.body.code, res.body.detail]).toEqual([422, blocked.code, blocked.message]);
    }
    // The SPOC may send none of the SRO's events here: nothing is offered, nothing is blocked.
    expect(await getError(t, 'spoc', entry.id)).toMatchObject({ allowedEvents: [], blockedEvents: [] });
  });

  it('names people and says per row what changed, without repeating the report; the stored rows still verify', async () => {
    let entry = await sightedRecordable();
    entry = await errorStep(t, 'sro', entry, { type: 'CLOSE' });
    const rows = await errorHistory(t, 'sro', entry.id);
    const spoc = { id: idOf('spoc'), displayName: 'Pat Spoc', role: 'spoc', roleLabel: 'SPOC' };
    const sro = { id: idOf('sro'), displayName: 'Ch Supt Robin Sro', role: 'sro', roleLabel: 'Senior responsible officer' };
    const reportFields = Object.keys(recordReport()).sort();
    expect(rows.map((r) => [r.position, r.eventType, r.what, r.actor, r.fromStateLabel, r.toStateLabel, r.summary])).toEqual([
      [1, null, 'Entry created', spoc, null, 'Recorded', `Entry created. Report: ${reportFields.length} fields (${reportFields.join(', ')}).`],
      [2, null, 'Report edited', spoc, 'Recorded', 'Recorded', 'Report edited. Changed 1 field (preventiveSteps).'],
      [3, 'ASSESS', 'Assessed', spoc, 'Recorded', 'Assessed', 'Assessed. Kind: Recordable error.'],
      [4, 'SIGHT', 'Sighted by the SRO', sro, 'Assessed', 'Sighted by the SRO', 'Sighted by the SRO.'],
      [5, 'CLOSE', 'Closed', sro, 'Sighted by the SRO', 'Closed', 'Closed.'],
    ]);
    expect(rows[2].changes).toEqual({ fields: [], notes: [{ label: 'Kind', text: 'Recordable error' }] });
    const res = await t.http().get(`/errors/${entry.id}/history`).set('authorization', `Bearer ${await t.token('sro')}`).expect(200);
    expect(JSON.stringify(res.body)).not.toContain(String(recordReport().errorDescription));
    expect(res.body.items[0]).not.toHaveProperty('payload');
    expect(res.body.items[0]).not.toHaveProperty('guardInputs');
    await expect(verifyError(t, 'sro', entry.id)).resolves.toMatchObject({ valid: true, rows: 5 });
  });

  it('names the system for an entry it raised', async () => {
    const suspected = await createSuspected(t, 'spoc', 'MSISDN on the return differs from the request.');
    const [created] = await errorHistory(t, 'spoc', suspected.id);
    expect(created).toMatchObject({
      kind: 'created',
      what: 'Entry created',
      actor: { id: SCHEDULER_ID, displayName: 'Deadline scheduler', role: 'system', roleLabel: 'The system' },
      changes: { fields: ['errorDescription'], notes: [] },
    });
  });
});
