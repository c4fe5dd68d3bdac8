import { historyRow } from '../../test/support/history-rows';
import { toCdErrorHistory, toCdErrorHistoryItem } from './cd-error-history.mapper';

const SCHEDULER = '00000000-0000-0000-0000-000000000000';
const names = new Map([
  ['u-spoc', 'Pat Spoc'],
  ['u-sro', 'Ch Supt Robin Sro'],
  ['u-both', 'Jo Both'],
  [SCHEDULER, 'Deadline scheduler'],
]);
const spoc = { actorId: 'u-spoc', actorRoles: ['spoc'] };
const sro = { actorId: 'u-sro', actorRoles: ['sro'] };

const item = (type: string, payload: Record<string, unknown>, who = sro) =>
  toCdErrorHistoryItem(historyRow({ position: 3, eventType: type, ...who, payload: { type, ...payload } }), names);

describe('toCdErrorHistoryItem', () => {
  it('keeps the stored columns but the payload and guard inputs, names the sender and words the statuses', () => {
    const row = historyRow({
      position: 4,
      eventType: 'SIGHT',
      fromState: 'assessed',
      toState: 'sroSighted',
      ...sro,
      payload: { type: 'SIGHT' },
      guardInputs: { error: { report: { errorDescription: 'x'.repeat(3000) } } },
    });
    expect(toCdErrorHistoryItem(row, names)).toEqual({
      seq: 104,
      position: 4,
      kind: 'transition',
      eventType: 'SIGHT',
      what: 'Sighted by the SRO',
      fromState: 'assessed',
      toState: 'sroSighted',
      fromStateLabel: 'Assessed',
      toStateLabel: 'Sighted by the SRO',
      at: '2026-03-02T10:04:00.000Z',
      actorId: 'u-sro',
      actorRoles: ['sro'],
      deciderId: null,
      actor: { id: 'u-sro', displayName: 'Ch Supt Robin Sro', role: 'sro', roleLabel: 'Senior responsible officer' },
      changes: { fields: [], notes: [] },
      summary: 'Sighted by the SRO.',
      machineVersion: '1',
      payloadDigest: row.payloadDigest,
      payloadBlankedBy: null,
      prevHash: row.prevHash,
      hash: row.hash,
    });
  });

  it('lists the report fields a creation gave and an edit changed, not their values; the system for its own entries', () => {
    const created = historyRow({
      position: 1,
      kind: 'created',
      toState: 'suspected',
      actorId: SCHEDULER,
      actorRoles: ['system'],
      payload: { report: { errorDescription: 'A check failed.', urn: null }, links: {}, source: { type: 'returnCheckFailed', eventId: 'e1' } },
    });
    expect(toCdErrorHistoryItem(created, names)).toMatchObject({
      what: 'Entry created',
      actor: { displayName: 'Deadline scheduler', role: 'system' },
      changes: { fields: ['errorDescription'] },
      summary: 'Entry created. Report: 1 field (errorDescription).',
    });
    const edited = historyRow({ position: 2, kind: 'edited', ...spoc, payload: { changes: { howItOccurred: 'Keyed wrongly.' }, links: { applicationIds: ['a1'] } } });
    expect(toCdErrorHistoryItem(edited, names)).toMatchObject({
      what: 'Report edited',
      actor: { role: 'spoc' },
      changes: { fields: ['howItOccurred', 'links'] },
      summary: 'Report edited. Changed 2 fields (howItOccurred, links).',
    });
  });

  it('words what each event decided or said', () => {
    expect(item('ASSESS', { kind: 'relevantError', report: { establishedAt: '2026-03-01T09:00:00+00:00' } }, spoc)).toMatchObject({
      changes: { fields: ['establishedAt'], notes: [{ label: 'Kind', text: 'Relevant error (IPA 2016 s.231(9))' }] },
      summary: 'Assessed. Report: 1 field (establishedAt). Kind: Relevant error (IPA 2016 s.231(9)).',
    });
    expect(item('DISMISS', { reason: 'Right number after all.' })).toMatchObject({
      changes: { notes: [{ label: 'Reason', text: 'Right number after all.' }] },
      summary: 'Dismissed as not an error. Reason: Right number after all.',
    });
    const extension = item('AGREE_EXTENSION', { agreedDueAt: '2026-04-30T23:59:59.999+00:00', ipcAgreementReference: 'IPC/1', reason: 'Awaiting the CSP' });
    expect(extension.changes.notes).toEqual([
      { label: 'Agreed due date', text: '2026-04-30T23:59:59.999+00:00' },
      { label: "IPC's reference", text: 'IPC/1' },
      { label: 'Reason', text: 'Awaiting the CSP' },
    ]);
    expect(extension.summary).toBe(
      "Extension agreed with the IPC. Agreed due date: 2026-04-30T23:59:59.999+00:00. IPC's reference: IPC/1. Reason: Awaiting the CSP.",
    );
    expect(item('RECORD_IPC_RESPONSE', { ipcResponse: 'seriousErrorInvestigation', ipcReference: 'IPC/SEI/2' }).changes.notes).toEqual([
      { label: "IPC's response", text: 'Serious error investigation opened' },
      { label: "IPC's reference", text: 'IPC/SEI/2' },
    ]);
    expect(item('RECORD_DETERMINATION', { serious: false, personInformed: true, determinationNotes: 'No harm.' }).changes.notes).toEqual([
      { label: 'Serious error', text: 'No' },
      { label: 'Person informed', text: 'Yes' },
      { label: 'Notes', text: 'No harm.' },
    ]);
    expect(item('REPORT_TO_IPC', { report: { preventiveSteps: 'Read back.', cspInformed: true } }).changes).toEqual({
      fields: ['cspInformed', 'preventiveSteps'],
      notes: [],
    });
  });

  it('takes the role the event is sent in when the sender holds several', () => {
    const both = { actorId: 'u-both', actorRoles: ['spoc', 'sro'] };
    expect(item('SIGHT', {}, both).actor.role).toBe('sro');
    expect(item('ASSESS', { kind: 'recordableError' }, both).actor.role).toBe('spoc');
  });

  it('says a blanked payload’s content was removed', () => {
    const row = historyRow({ position: 3, eventType: 'DISMISS', ...spoc, blankedBy: 'retention-1' });
    expect(toCdErrorHistoryItem(row, names)).toMatchObject({
      changes: { fields: [], notes: [] },
      summary: 'Dismissed as not an error. Its content has been removed under a retention decision.',
    });
  });

  it('shows an event a later machine version added by its code', () => {
    const row = historyRow({ position: 3, eventType: 'ESCALATE', ...sro, payload: { type: 'ESCALATE' } });
    expect(toCdErrorHistoryItem(row, names)).toMatchObject({ eventType: null, what: 'ESCALATE', summary: 'ESCALATE.' });
  });
});

describe('toCdErrorHistory', () => {
  it('maps every row in order', () => {
    const rows = [1, 2].map((position) => historyRow({ position, kind: position === 1 ? 'created' : 'edited', ...spoc, payload: { report: {}, changes: {} } }));
    expect(toCdErrorHistory(rows, names).items.map((i) => i.position)).toEqual([1, 2]);
  });
});
