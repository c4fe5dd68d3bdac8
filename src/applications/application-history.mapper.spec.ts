import { historyRow } from '../../test/support/history-rows';
import { personIdsIn, toApplicationHistory, toApplicationHistoryItem } from './application-history.mapper';

const APPLICANT = 'u-applicant';
const SPOC = 'u-spoc';
const DSO = 'u-dso';
const SPOC_DSO = 'u-spoc-dso';
const SCHEDULER = '00000000-0000-0000-0000-000000000000';
const names = new Map([
  [APPLICANT, 'DC Alex Applicant'],
  [SPOC, 'Pat Spoc'],
  [DSO, 'Supt Dana Dso'],
  [SPOC_DSO, 'Insp Kim Both'],
  [SCHEDULER, 'Deadline scheduler'],
]);
const applicantActs = { actorId: APPLICANT, actorRoles: ['applicant'] };
const spocActs = { actorId: SPOC, actorRoles: ['spoc'] };

describe('toApplicationHistoryItem', () => {
  it('keeps the stored columns but the payload and guard inputs, and names the sender in the role they acted in', () => {
    const row = historyRow({ position: 2, eventType: 'SUBMIT_TO_SPOC', fromState: 'draft', toState: 'spocReview', ...applicantActs, payload: { type: 'SUBMIT_TO_SPOC' }, guardInputs: { big: 'x'.repeat(5000) } });
    expect(toApplicationHistoryItem(row, names)).toEqual({
      seq: 102,
      position: 2,
      kind: 'transition',
      eventType: 'SUBMIT_TO_SPOC',
      what: 'Submitted to the SPOC',
      fromState: 'draft',
      toState: 'spocReview',
      fromStateLabel: 'Draft',
      toStateLabel: 'With the SPOC for review',
      at: '2026-03-02T10:02:00.000Z',
      actorId: APPLICANT,
      actorRoles: ['applicant'],
      deciderId: null,
      actor: { id: APPLICANT, displayName: 'DC Alex Applicant', role: 'applicant', roleLabel: 'Applicant' },
      decider: null,
      changes: { fields: [], notes: [] },
      summary: 'Submitted to the SPOC.',
      machineVersion: '1',
      payloadDigest: row.payloadDigest,
      payloadBlankedBy: null,
      prevHash: row.prevHash,
      hash: row.hash,
    });
  });

  it('lists the form fields a creation gave and an edit changed, not their values', () => {
    const created = historyRow({
      position: 1,
      kind: 'created',
      ...applicantActs,
      payload: { form: { route: 'ipc60A', necessity: 'Because.', offences: [], sensitiveProfession: null, operationName: '' }, teamMemberIds: [], renewalOf: null },
    });
    expect(toApplicationHistoryItem(created, names)).toMatchObject({
      what: 'Application created',
      changes: { fields: ['necessity', 'route'], notes: [] },
      summary: 'Application created. Form started with 2 fields (necessity, route).',
    });
    const edited = historyRow({ position: 2, kind: 'edited', fromState: 'draft', ...applicantActs, payload: { changes: { necessity: 'More.' }, teamMemberIds: [DSO] } });
    expect(toApplicationHistoryItem(edited, names)).toMatchObject({
      what: 'Form edited',
      changes: { fields: ['necessity', 'teamMemberIds'] },
      summary: 'Form edited. Changed 2 fields (necessity, teamMemberIds).',
    });
    const nothing = historyRow({ position: 3, kind: 'edited', ...applicantActs, payload: { changes: {} } });
    expect(toApplicationHistoryItem(nothing, names).summary).toBe('Form edited. Nothing changed.');
  });

  it('gives a return’s reason in full and quotes it in the summary up to 200 characters', () => {
    const reason = `${'Explain the period. '.repeat(15)}End.`;
    const row = historyRow({
      position: 3,
      eventType: 'RETURN_TO_APPLICANT',
      ...spocActs,
      payload: { type: 'RETURN_TO_APPLICANT', reason, spoc: { returnReasons: ['Period not justified', ' '] } },
    });
    const item = toApplicationHistoryItem(row, names);
    expect(item.changes.notes).toEqual([
      { label: 'Reason', text: reason },
      { label: 'Return reason', text: 'Period not justified' },
    ]);
    expect(item.summary).toBe(`Returned to the applicant. Reason: ${reason.slice(0, 199).trim()}…`);
    const unpunctuated = historyRow({ position: 3, eventType: 'DECLINE', ...spocActs, payload: { type: 'DECLINE', reason: 'Not practicable' } });
    expect(toApplicationHistoryItem(unpunctuated, names).summary).toBe('Declined by the SPOC. Reason: Not practicable.');
  });

  it('names the DSO whose oral grant a SPOC recorded, and the SPOC as sender', () => {
    const row = historyRow({
      position: 3,
      eventType: 'GRANT',
      ...spocActs,
      deciderId: DSO,
      payload: { type: 'GRANT', decision: { oral: true, deciderId: DSO, rationale: 'Threat to life.', conditions: 'Review daily.' } },
      guardInputs: { resolvedDecider: { id: DSO, recordedOnBehalf: true }, application: { route: 'dso61A' } },
    });
    expect(toApplicationHistoryItem(row, names)).toMatchObject({
      actor: { id: SPOC, displayName: 'Pat Spoc', role: 'spoc' },
      decider: { id: DSO, displayName: 'Supt Dana Dso', role: 'dso', roleLabel: 'Designated senior officer' },
      changes: { notes: [{ label: 'Rationale', text: 'Threat to life.' }, { label: 'Conditions', text: 'Review daily.' }] },
      summary: 'Granted orally (the decision of Supt Dana Dso, recorded by the sender). Rationale: Threat to life.',
    });
  });

  it('names an OCDA officer outside the system by the name the SPOC recorded', () => {
    const row = historyRow({
      position: 4,
      eventType: 'REFUSE',
      ...spocActs,
      payload: { type: 'REFUSE', reason: 'Not proportionate.', decision: { deciderName: 'Quinn Officer', ocdaReference: 'OCDA-9' } },
      guardInputs: { resolvedDecider: { id: null, recordedOnBehalf: true }, application: { route: null, form: { route: 'ipc60A' } } },
    });
    expect(toApplicationHistoryItem(row, names)).toMatchObject({
      decider: { id: null, displayName: 'Quinn Officer', role: 'ocda', roleLabel: 'OCDA authorising officer' },
      changes: { notes: [{ label: 'Reason', text: 'Not proportionate.' }, { label: 'OCDA reference', text: 'OCDA-9' }] },
    });
  });

  it('takes the role the event is sent in when the sender holds several; the system for the scheduler', () => {
    const direct = historyRow({
      position: 4,
      eventType: 'GRANT',
      actorId: SPOC_DSO,
      actorRoles: ['spoc', 'dso'],
      deciderId: SPOC_DSO,
      payload: { type: 'GRANT', decision: { rationale: 'R.' } },
      guardInputs: { resolvedDecider: { id: SPOC_DSO, recordedOnBehalf: false }, application: { route: 'dso61' } },
    });
    expect(toApplicationHistoryItem(direct, names)).toMatchObject({ actor: { role: 'dso' }, decider: null, deciderId: SPOC_DSO });
    const expired = historyRow({ position: 5, eventType: 'EXPIRE', actorId: SCHEDULER, actorRoles: ['system'], payload: { type: 'EXPIRE' } });
    expect(toApplicationHistoryItem(expired, names)).toMatchObject({
      actor: { displayName: 'Deadline scheduler', role: 'system', roleLabel: 'The system' },
      summary: 'Expired.',
    });
  });

  it('says a blanked payload’s content was removed, and still names the people', () => {
    const row = historyRow({ position: 3, eventType: 'RETURN_TO_APPLICANT', ...spocActs, blankedBy: 'retention-1' });
    expect(toApplicationHistoryItem(row, names)).toMatchObject({
      actor: { displayName: 'Pat Spoc' },
      changes: { fields: [], notes: [] },
      payloadBlankedBy: 'retention-1',
      summary: 'Returned to the applicant. Its content has been removed under a retention decision.',
    });
  });

  it('words each kind of note an event carries', () => {
    const notes = (type: string, payload: Record<string, unknown>, guardInputs: unknown = {}) =>
      toApplicationHistoryItem(historyRow({ position: 2, eventType: type, ...spocActs, payload: { type, ...payload }, guardInputs }), names).changes;
    expect(notes('SUBMIT_URGENT_WITHOUT_SPOC', {}, { application: { form: { exceptionalCircumstances: 'No SPOC at 03:00.' } } }).notes).toEqual([
      { label: 'Why no SPOC could be consulted', text: 'No SPOC at 03:00.' },
    ]);
    expect(notes('SUBMIT_FOR_AUTHORISATION', { spoc: { spocAdvice: 'Fine.', costEstimate: '£0', acquisitionMethod: 'notice' } })).toEqual({
      fields: ['spoc.acquisitionMethod', 'spoc.costEstimate', 'spoc.spocAdvice'],
      notes: [
        { label: 'SPOC advice', text: 'Fine.' },
        { label: 'Cost estimate', text: '£0' },
      ],
    });
    expect(notes('REQUEST_MORE_INFO', { question: 'Why?' }).notes).toEqual([{ label: 'Question', text: 'Why?' }]);
    expect(notes('JC_APPROVE', { judicialApproval: { judgeName: 'Sir J' } }).notes).toEqual([{ label: 'Judicial Commissioner', text: 'Sir J' }]);
    expect(notes('RECORD_WRITTEN', { writtenRecord: 'Written.' }).notes).toEqual([{ label: 'Written record', text: 'Written.' }]);
    expect(notes('RECORD_OUTCOME', { outcome: 'Charged.' }).notes).toEqual([{ label: 'Outcome', text: 'Charged.' }]);
    for (const type of ['WITHDRAW', 'DECLINE', 'JC_REFUSE', 'CANCEL', 'CLOSE']) {
      expect(notes(type, { reason: 'Because.' }).notes).toEqual([{ label: 'Reason', text: 'Because.' }]);
    }
    expect(notes('GRANT', { decision: { exceptionalCircumstancesOverride: 'Only DSO on duty.' } }).notes).toEqual([
      { label: 'Exceptional circumstances override (IPA s.63)', text: 'Only DSO on duty.' },
    ]);
    // The decider's findings and how a sensitive profession was weighed, with the SPOC's advice on it.
    const decision = {
      findings: { imminentThreatToLife: { reasons: 'A hostage is held.' }, spocNotConsulted: { reasons: 'No SPOC at 03:00.' } },
      sensitiveProfessionConsideration: 'Subscriber only; no privileged contact shown.',
    };
    expect(notes('GRANT', { decision }).notes).toEqual([
      { label: 'Finding: imminent threat to life (IPA s.77)', text: 'A hostage is held.' },
      { label: 'Finding: no SPOC consulted (IPA s.76(2))', text: 'No SPOC at 03:00.' },
      { label: 'How the sensitive profession was weighed', text: 'Subscriber only; no privileged contact shown.' },
    ]);
    expect(notes('SUBMIT_FOR_AUTHORISATION', { spoc: { spocAdvice: 'Fine.', sensitiveProfessionAdvice: 'Weighed.' } }).notes).toEqual([
      { label: 'SPOC advice', text: 'Fine.' },
      { label: 'SPOC advice on the sensitive profession', text: 'Weighed.' },
    ]);
  });

  it('shows an event a later machine version added by its code', () => {
    const row = historyRow({ position: 2, eventType: 'TELEPORT', fromState: 'draft', toState: 'beamed', ...applicantActs, payload: { type: 'TELEPORT' } });
    expect(toApplicationHistoryItem(row, names)).toMatchObject({ eventType: null, what: 'TELEPORT', toStateLabel: 'beamed', summary: 'TELEPORT.' });
  });
});

describe('an imported record made under RIPA 2000', () => {
  const ADMIN = 'u-admin';
  const ripa = {
    originalReference: 'TVP/RIPA/2015/0042',
    kind: 's22_4_notice',
    appliedAt: '2015-06-01T09:30:00+01:00',
    grantedAt: '2015-06-01T14:00:00+01:00',
    expiresAt: null,
    cancelledAt: null,
    applicantName: 'DC Jo Bloggs',
    applicantRank: 'Detective Constable',
    designatedPersonName: 'Supt Sam Smith',
    designatedPersonRank: 'Superintendent',
    necessity: 'Only the subscriber can be the robber.',
    proportionality: 'One number, subscriber data only.',
    purpose: 's22_2_b',
    dataSought: 'Subscriber details',
    csp: 'Vodafone',
  };
  const imported = (source: Record<string, unknown>) => ({
    ...historyRow({ position: 1, toState: 'ripaRecord', actorId: ADMIN, actorRoles: ['applicant', 'admin'], payload: { ripa, source } }),
    kind: 'imported' as const,
  });

  it('says what was imported, by whom in their administrator’s role, and from where in the upload', () => {
    const item = toApplicationHistoryItem(imported({ batchId: 'b1', format: 'csv', line: 2 }), new Map([[ADMIN, 'Ada Admin']]));
    expect(item).toMatchObject({
      kind: 'imported',
      eventType: null,
      what: 'Record made under RIPA 2000 imported',
      toStateLabel: 'Record made under RIPA 2000 (imported)',
      actor: { id: ADMIN, displayName: 'Ada Admin', role: 'admin', roleLabel: 'Administrator' },
      decider: null,
    });
    expect(item.changes.fields).toEqual(
      ['appliedAt', 'applicantName', 'applicantRank', 'csp', 'dataSought', 'designatedPersonName', 'designatedPersonRank', 'grantedAt', 'kind', 'necessity', 'originalReference', 'proportionality', 'purpose'].map((f) => `ripa.${f}`).sort(),
    );
    expect(item.changes.notes).toEqual([
      { label: 'Original reference', text: 'TVP/RIPA/2015/0042' },
      { label: 'What was granted', text: 'Notice to obtain and disclose the data (RIPA s.22(4))' },
      { label: 'Ground (RIPA s.22(2))', text: '(b) preventing or detecting crime or preventing disorder' },
      { label: 'Designated person', text: 'Supt Sam Smith, Superintendent' },
      { label: 'Necessity', text: 'Only the subscriber can be the robber.' },
      { label: 'Proportionality', text: 'One number, subscriber data only.' },
    ]);
    expect(item.summary).toBe(
      'Record made under RIPA 2000 imported. From line 2 of a CSV file, with 13 fields (' +
        `${item.changes.fields.join(', ')}). Original reference: TVP/RIPA/2015/0042.`,
    );
  });

  it('names a JSON upload by the index of the record', () => {
    const item = toApplicationHistoryItem(imported({ batchId: 'b1', format: 'json', index: 0 }), names);
    expect(item.summary).toContain('From item 0 (counted from 0) of a JSON list, with 13 fields');
  });
});

describe('toApplicationHistory', () => {
  it('maps every row in order', () => {
    const rows = [1, 2].map((position) => historyRow({ position, kind: position === 1 ? 'created' : 'edited', ...applicantActs, payload: { form: {}, changes: {} } }));
    expect(toApplicationHistory(rows, names).items.map((i) => i.position)).toEqual([1, 2]);
  });
});

describe('personIdsIn', () => {
  it('collects every sender and decider once', () => {
    const rows = [
      historyRow({ position: 1, ...applicantActs }),
      historyRow({ position: 2, ...spocActs, deciderId: DSO }),
      historyRow({ position: 3, ...spocActs }),
    ];
    expect(personIdsIn(rows).sort()).toEqual([APPLICANT, DSO, SPOC].sort());
  });
});
