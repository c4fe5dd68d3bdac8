import Holidays from 'date-holidays';
import type { ActorFacts } from './application.guards';
import {
  CD_ERROR_RULE_CODES as C,
  CD_ERROR_RULE_KINDS,
  actorInErrorAuthority,
  closeOnlyRecordable,
  determinationRecorded,
  dismissalReasonGiven,
  dueWithinWorkingDays,
  effectiveDueAt,
  effectiveReport,
  extensionDetailsGiven,
  extensionOnlyForRelevantError,
  initialNotificationGiven,
  investigationOutcomeRecorded,
  ipcReportComplete,
  ipcResponseOpensInvestigation,
  ipcResponseOpensOperatorInvestigation,
  ipcResponseRecorded,
  isOverdue,
  kindAssessed,
  noInitialNotificationYet,
  noS231ForOperatorErrors,
  operatorInvestigationOnlyForOperatorErrors,
  recordReportComplete,
  reminderDue,
  reportDueAt,
  reportedLate,
  reportOnlyRelevantOrOperator,
  submissionsRecorded,
  submissionsRequestRecorded,
  type CdErrorFacts,
  type CdErrorGuardInput,
  type CdErrorRuleCode,
} from './cd-error.guards';
import type { CdErrorEvent, CdErrorReport } from './cd-error.types';
import { isWorkingDay, workingDaysBetween } from './working-days';
import { DUE_18_DEC, FULL_REPORT, NOW, otherForceSro, POLICE, RECORD_REPORT, spoc, sro } from '../../test/support/cd-error-fixtures';

// ---------------------------------------------------------------------------------------------
// Fixtures (fixed dates; no clock)
// ---------------------------------------------------------------------------------------------

function facts(over: Partial<CdErrorFacts> = {}): CdErrorFacts {
  return {
    id: 'err-1',
    authorityId: POLICE,
    status: 'recorded',
    kind: null,
    report: RECORD_REPORT,
    reportDueAt: null,
    agreedDueAt: null,
    ipc: {},
    ...over,
  };
}

function input(
  event: CdErrorEvent,
  over: Partial<CdErrorFacts> = {},
  actor: ActorFacts = sro,
  now: Date = NOW,
): CdErrorGuardInput {
  return { error: facts(over), actor, event, now };
}

function without(report: Partial<CdErrorReport>, field: keyof CdErrorReport): Partial<CdErrorReport> {
  const copy = { ...report };
  delete copy[field];
  return copy;
}

function codeOf(failure: { code: CdErrorRuleCode } | null): CdErrorRuleCode | null {
  return failure?.code ?? null;
}

const relevantAssessed = { status: 'assessed', kind: 'relevantError', reportDueAt: DUE_18_DEC } as const;

// ---------------------------------------------------------------------------------------------
// Catalogue and helpers
// ---------------------------------------------------------------------------------------------

describe('CD_ERROR_RULE_KINDS', () => {
  it('has a kind for every code, and only the authority rule is about the actor', () => {
    expect(Object.keys(CD_ERROR_RULE_KINDS).sort()).toEqual(Object.keys(C).sort());
    const aboutActor = Object.entries(CD_ERROR_RULE_KINDS).filter(([, kind]) => kind === 'actor');
    expect(aboutActor.map(([code]) => code)).toEqual(['NOT_AUTHORITY_ERROR_OFFICER']);
  });
});

describe('effectiveReport', () => {
  it("lays the event's report fields over the register's", () => {
    const report = effectiveReport(
      input({ type: 'REPORT_TO_IPC', report: { preventiveSteps: 'Retraining.', causeCode: 'incorrectData' } }),
    );
    expect(report).toEqual({ ...RECORD_REPORT, preventiveSteps: 'Retraining.', causeCode: 'incorrectData' });
  });
  it('is the register report when the event carries none', () => {
    expect(effectiveReport(input({ type: 'SIGHT' }))).toEqual(RECORD_REPORT);
  });
});

// ---------------------------------------------------------------------------------------------
// Due dates: fixed real dates, computed by hand, each cross-checked with isWorkingDay
// ---------------------------------------------------------------------------------------------

describe('reportDueAt', () => {
  it('Fri 18 Dec 2026 + 10 WD → end of Thu 7 Jan 2027 (Christmas, Boxing Day substitute, New Year, Scottish 2 Jan substitute)', () => {
    // 21,22,23,24 Dec (1–4); 25 Dec Fri Christmas; 28 Dec Mon Boxing Day substitute (26th is a Saturday);
    // 29,30,31 Dec (5–7); 1 Jan Fri New Year's Day; 4 Jan Mon Scotland's 2 January substitute;
    // 5,6,7 Jan (8–10).
    for (const day of ['2026-12-25', '2026-12-28', '2027-01-01', '2027-01-04']) expect([day, isWorkingDay(day)]).toEqual([day, false]);
    for (const day of ['2026-12-24', '2026-12-29', '2026-12-31', '2027-01-05', '2027-01-07']) expect([day, isWorkingDay(day)]).toEqual([day, true]);
    const established = new Date('2026-12-18T12:00:00+00:00');
    const due = reportDueAt(established, 10);
    expect(due.toISOString()).toBe('2027-01-07T23:59:59.999Z');
    expect(workingDaysBetween(established, due)).toBe(10);
  });

  it("Fri 27 Nov 2026 (working day before St Andrew's Day) + 10 WD → end of Mon 14 Dec 2026", () => {
    // 30 Nov Mon is St Andrew's Day (Scotland): not a working day anywhere in the UK count (IPA s.263).
    // 1,2,3,4 Dec (1–4); 7–11 Dec (5–9); 14 Dec (10).
    expect(isWorkingDay('2026-11-30')).toBe(false);
    expect(isWorkingDay('2026-12-01')).toBe(true);
    expect(isWorkingDay('2026-12-14')).toBe(true);
    const established = new Date('2026-11-27T16:30:00+00:00');
    const due = reportDueAt(established, 10);
    expect(due.toISOString()).toBe('2026-12-14T23:59:59.999Z');
    expect(workingDaysBetween(established, due)).toBe(10);
  });

  it('Fri 10 Jul 2026 (before the Boyne holiday) + 10 WD → end of Mon 27 Jul 2026 (BST)', () => {
    // 12 Jul 2026 is a Sunday; Northern Ireland's substitute is Mon 13 Jul (checked against
    // date-holidays directly below). 14–17 Jul (1–4); 20–24 Jul (5–9); 27 Jul (10).
    const nirHolidays = new Holidays('GB', 'NIR')
      .getHolidays(2026)
      .filter((h) => h.type === 'public')
      .map((h) => h.date.slice(0, 10));
    const engHolidays = new Holidays('GB', 'ENG').getHolidays(2026).map((h) => h.date.slice(0, 10));
    expect(nirHolidays).toEqual(expect.arrayContaining(['2026-07-12', '2026-07-13']));
    expect(engHolidays).not.toContain('2026-07-13');
    expect(isWorkingDay('2026-07-13')).toBe(false);
    expect(isWorkingDay('2026-07-27')).toBe(true);
    const established = new Date('2026-07-10T11:00:00+01:00');
    const due = reportDueAt(established, 10);
    expect(due.toISOString()).toBe('2026-07-27T22:59:59.999Z');
    expect(workingDaysBetween(established, due)).toBe(10);
  });

  it('Thu 2 Apr 2026 (before Easter) + 10 WD → end of Mon 20 Apr 2026 (BST)', () => {
    // 3 Apr Good Friday; 6 Apr Easter Monday (England, Wales, NI). 7–10 Apr (1–4); 13–17 Apr (5–9); 20 Apr (10).
    expect(isWorkingDay('2026-04-03')).toBe(false);
    expect(isWorkingDay('2026-04-06')).toBe(false);
    expect(isWorkingDay('2026-04-07')).toBe(true);
    const established = new Date('2026-04-02T15:00:00+01:00');
    const due = reportDueAt(established, 10);
    expect(due.toISOString()).toBe('2026-04-20T22:59:59.999Z');
    expect(workingDaysBetween(established, due)).toBe(10);
  });

  it('established on Sun 7 Jun 2026: Monday is day 1 → end of Fri 19 Jun 2026 (BST)', () => {
    expect(isWorkingDay('2026-06-07')).toBe(false);
    for (const day of ['2026-06-08', '2026-06-12', '2026-06-15', '2026-06-19']) expect([day, isWorkingDay(day)]).toEqual([day, true]);
    const sunday = new Date('2026-06-07T14:00:00+01:00');
    expect(reportDueAt(sunday, 1).toISOString()).toBe('2026-06-08T22:59:59.999Z');
    expect(reportDueAt(sunday, 10).toISOString()).toBe('2026-06-19T22:59:59.999Z');
  });

  it("established on Sun 8 Mar 2026 → end of Mon 23 Mar 2026 (St Patrick's Day, Tue 17 Mar, skipped)", () => {
    // 9–13 Mar (1–5); 16 Mar (6); 17 Mar NI bank holiday; 18,19,20 Mar (7–9); 23 Mar (10). GMT.
    expect(isWorkingDay('2026-03-17')).toBe(false);
    expect(isWorkingDay('2026-03-23')).toBe(true);
    const due = reportDueAt(new Date('2026-03-08T10:00:00+00:00'), 10);
    expect(due.toISOString()).toBe('2026-03-23T23:59:59.999Z');
  });

  it('counts from the London day: Sun 7 Jun 2026 23:30 UTC is already Monday in London → end of Mon 22 Jun', () => {
    // London day Mon 8 Jun; 9–12 Jun (1–4); 15–19 Jun (5–9); 22 Jun (10).
    const due = reportDueAt(new Date('2026-06-07T23:30:00Z'), 10);
    expect(due.toISOString()).toBe('2026-06-22T22:59:59.999Z');
  });

  it('takes the configured length: Fri 18 Dec 2026 + 5 WD → end of Tue 29 Dec 2026', () => {
    expect(reportDueAt(new Date('2026-12-18T12:00:00+00:00'), 5).toISOString()).toBe('2026-12-29T23:59:59.999Z');
  });

  it('refuses a length that is not a positive integer', () => {
    expect(() => reportDueAt(new Date('2026-12-18T12:00:00Z'), 0)).toThrow(RangeError);
    expect(() => reportDueAt(new Date('2026-12-18T12:00:00Z'), 2.5)).toThrow(RangeError);
  });
});

describe('effectiveDueAt', () => {
  it('prefers the date agreed with the IPC', () => {
    const agreed = new Date('2027-01-20T23:59:59.999Z');
    expect(effectiveDueAt({ reportDueAt: DUE_18_DEC, agreedDueAt: agreed })).toBe(agreed);
  });
  it('falls back to the statutory date, else null', () => {
    expect(effectiveDueAt({ reportDueAt: DUE_18_DEC, agreedDueAt: null })).toBe(DUE_18_DEC);
    expect(effectiveDueAt({ reportDueAt: null, agreedDueAt: null })).toBeNull();
  });
});

describe('reportedLate', () => {
  const due = { reportDueAt: DUE_18_DEC, agreedDueAt: null };
  it('is null until reported, and without a due date', () => {
    expect(reportedLate({ ...due, reportedAt: null })).toBeNull();
    expect(reportedLate({ reportDueAt: null, agreedDueAt: null, reportedAt: new Date('2027-02-01T00:00:00Z') })).toBeNull();
  });
  it('is false at the due instant and true one millisecond after it, judged against an agreed date when there is one', () => {
    expect(reportedLate({ ...due, reportedAt: DUE_18_DEC })).toBe(false);
    expect(reportedLate({ ...due, reportedAt: new Date(DUE_18_DEC.getTime() + 1) })).toBe(true);
    expect(reportedLate({ ...due, agreedDueAt: new Date('2027-01-20T23:59:59.999Z'), reportedAt: new Date('2027-01-10T00:00:00Z') })).toBe(false);
  });
});

describe('isOverdue', () => {
  const owed = facts(relevantAssessed);
  it('is true one millisecond after the due instant while the report is owed', () => {
    expect(isOverdue(owed, new Date('2027-01-08T00:00:00.000Z'))).toBe(true);
    expect(isOverdue({ ...owed, status: 'sroSighted' }, new Date('2027-01-08T00:00:00.000Z'))).toBe(true);
  });
  it('is false at the due instant, after an agreed extension, once reported, and without a due date', () => {
    expect(isOverdue(owed, DUE_18_DEC)).toBe(false);
    expect(isOverdue({ ...owed, agreedDueAt: new Date('2027-01-20T23:59:59.999Z') }, new Date('2027-01-08T09:00:00Z'))).toBe(false);
    expect(isOverdue({ ...owed, status: 'reportedToIpc' }, new Date('2027-02-01T00:00:00Z'))).toBe(false);
    expect(isOverdue(facts({ status: 'assessed', kind: 'recordableError' }), new Date('2027-02-01T00:00:00Z'))).toBe(false);
  });
});

describe('dueWithinWorkingDays', () => {
  const owed = facts(relevantAssessed);
  it('is true when at most n working days remain (Thu 31 Dec 2026: 5, 6, 7 Jan remain, 4 Jan is a holiday)', () => {
    expect(dueWithinWorkingDays(owed, new Date('2026-12-31T10:00:00Z'), 3)).toBe(true);
    expect(dueWithinWorkingDays(owed, new Date('2027-01-07T10:00:00Z'), 0)).toBe(true);
  });
  it('is false with more working days left, once overdue, and when nothing is owed', () => {
    expect(dueWithinWorkingDays(owed, new Date('2026-12-31T10:00:00Z'), 2)).toBe(false);
    expect(dueWithinWorkingDays(owed, new Date('2026-12-30T10:00:00Z'), 3)).toBe(false);
    expect(dueWithinWorkingDays(owed, new Date('2027-01-08T00:00:00Z'), 10)).toBe(false);
    expect(dueWithinWorkingDays({ ...owed, status: 'closed' }, new Date('2026-12-31T10:00:00Z'), 3)).toBe(false);
  });
});

describe('reminderDue', () => {
  const owed = facts(relevantAssessed);
  it('nothing on Wed 30 Dec 2026: four working days remain (31 Dec, 5, 6, 7 Jan)', () => {
    expect(reminderDue(owed, new Date('2026-12-30T16:00:00Z'))).toEqual([]);
  });
  it('threeWorkingDaysBefore from Thu 31 Dec 2026 (three working days before Thu 7 Jan, since Mon 4 Jan is a holiday)', () => {
    expect(reminderDue(owed, new Date('2026-12-31T00:00:00Z'))).toEqual(['threeWorkingDaysBefore']);
    // Still due on the Scottish holiday if the scheduler missed the working day (the outbox de-duplicates).
    expect(reminderDue(owed, new Date('2027-01-04T09:00:00Z'))).toEqual(['threeWorkingDaysBefore']);
  });
  it('dueDay on Thu 7 Jan 2027 until the deadline passes', () => {
    expect(reminderDue(owed, new Date('2027-01-07T00:00:00Z'))).toEqual(['threeWorkingDaysBefore', 'dueDay']);
    expect(reminderDue(owed, DUE_18_DEC)).toEqual(['threeWorkingDaysBefore', 'dueDay']);
  });
  it('follows the agreed date (BST due day), and nothing once overdue or reported', () => {
    const extended = { ...owed, agreedDueAt: new Date('2027-04-20T22:59:59.999Z') };
    // Tue 20 Apr 2027: 3 WD before is Thu 15 Apr (16, 19, 20 remain).
    expect(reminderDue(extended, new Date('2027-04-14T12:00:00Z'))).toEqual([]);
    expect(reminderDue(extended, new Date('2027-04-15T12:00:00Z'))).toEqual(['threeWorkingDaysBefore']);
    expect(reminderDue(extended, new Date('2027-04-20T21:00:00Z'))).toEqual(['threeWorkingDaysBefore', 'dueDay']);
    expect(reminderDue(owed, new Date('2027-01-08T00:00:00Z'))).toEqual([]);
    expect(reminderDue({ ...owed, status: 'reportedToIpc' }, new Date('2027-01-07T09:00:00Z'))).toEqual([]);
  });
});

describe('ipcResponseOpensOperatorInvestigation', () => {
  it('is true for operatorErrorInvestigation only', () => {
    expect(ipcResponseOpensOperatorInvestigation(input({ type: 'RECORD_IPC_RESPONSE', ipcResponse: 'operatorErrorInvestigation' }))).toBe(true);
    expect(ipcResponseOpensOperatorInvestigation(input({ type: 'RECORD_IPC_RESPONSE', ipcResponse: 'seriousErrorInvestigation' }))).toBe(false);
    expect(ipcResponseOpensOperatorInvestigation(input({ type: 'RECORD_IPC_RESPONSE', ipcResponse: 'noFurtherAction' }))).toBe(false);
  });
});

describe('ipcResponseOpensInvestigation', () => {
  it('is true for seriousErrorInvestigation', () => {
    expect(ipcResponseOpensInvestigation(input({ type: 'RECORD_IPC_RESPONSE', ipcResponse: 'seriousErrorInvestigation' }))).toBe(true);
  });
  it('is false for noFurtherAction', () => {
    expect(ipcResponseOpensInvestigation(input({ type: 'RECORD_IPC_RESPONSE', ipcResponse: 'noFurtherAction' }))).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Guards
// ---------------------------------------------------------------------------------------------

describe('actorInErrorAuthority', () => {
  it("passes for the error's own authority", () => {
    expect(actorInErrorAuthority(input({ type: 'SIGHT' }, {}, sro))).toBeNull();
    expect(actorInErrorAuthority(input({ type: 'RECORD' }, {}, spoc))).toBeNull();
  });
  it('refuses an officer of another authority (403)', () => {
    const failure = actorInErrorAuthority(input({ type: 'SIGHT' }, {}, otherForceSro));
    expect(codeOf(failure)).toBe(C.NOT_AUTHORITY_ERROR_OFFICER);
    expect(CD_ERROR_RULE_KINDS[failure!.code]).toBe('actor');
  });
});

describe('recordReportComplete', () => {
  it('passes with the fields that make a record, from the event or the register', () => {
    expect(recordReportComplete(input({ type: 'RECORD', report: RECORD_REPORT }, { status: 'suspected', report: {} }, spoc))).toBeNull();
    expect(recordReportComplete(input({ type: 'RECORD' }, { status: 'suspected' }, spoc))).toBeNull();
  });
  it('lists every missing field', () => {
    const failure = recordReportComplete(
      input({ type: 'RECORD', report: { errorDescription: 'x', howItOccurred: '  ' } }, { status: 'suspected', report: {} }, spoc),
    );
    expect(failure).toMatchObject({ code: C.ERROR_REPORT_INCOMPLETE });
    expect(failure?.fields).toEqual(['howItOccurred', 'discoveredAt', 'establishedAt', 'causeCode', 'responsibleParty']);
  });
  it('refuses malformed values: no offset, unknown cause, unknown party, a flag that is not a boolean', () => {
    const bad = (report: Partial<CdErrorReport>) =>
      recordReportComplete(input({ type: 'RECORD', report: { ...RECORD_REPORT, ...report } }, { status: 'suspected', report: {} }));
    expect(bad({ establishedAt: '2026-12-18T12:00:00' })).toMatchObject({ code: C.ERROR_REPORT_INVALID, fields: ['establishedAt'] });
    expect(bad({ occurredAt: '2026-12-10' })).toMatchObject({ code: C.ERROR_REPORT_INVALID, fields: ['occurredAt'] });
    expect(bad({ causeCode: 'typo' as never, responsibleParty: 'csp' as never })).toMatchObject({
      code: C.ERROR_REPORT_INVALID,
      fields: ['causeCode', 'responsibleParty'],
    });
    expect(bad({ isIpRelated: 'yes' as never })).toMatchObject({ fields: ['isIpRelated'] });
  });
  // Each date rule has its own code and words (docs/law.md §4.3); NOW is 2026-12-21T10:00Z, discovered 17 Dec, established 18 Dec.
  it.each<[string, Partial<CdErrorReport>, CdErrorRuleCode, string[]]>([
    ['established in the future', { establishedAt: '2026-12-22T09:00:00+00:00' }, 'ERROR_DATE_IN_FUTURE', ['establishedAt']],
    ['discovered and established in the future', { discoveredAt: '2026-12-22T09:00:00+00:00', establishedAt: '2026-12-23T09:00:00+00:00' }, 'ERROR_DATE_IN_FUTURE', ['discoveredAt', 'establishedAt']],
    ['occurred in the future', { occurredAt: '2026-12-21T10:00:01+00:00' }, 'ERROR_DATE_IN_FUTURE', ['occurredAt']],
    ['established before it was discovered', { establishedAt: '2026-12-16T09:00:00+00:00' }, 'ERROR_ESTABLISHED_BEFORE_DISCOVERED', ['establishedAt']],
    ['occurred after it was discovered', { occurredAt: '2026-12-17T09:00:01+00:00' }, 'ERROR_OCCURRED_AFTER_DISCOVERY', ['occurredAt']],
  ])('refuses a report whose dates say it was %s, naming that rule', (_what, dates, code, fields) => {
    const failure = recordReportComplete(input({ type: 'RECORD', report: { ...RECORD_REPORT, ...dates } }, { status: 'suspected', report: {} }));
    expect(failure).toEqual({ code, detail: expect.any(String), fields });
  });
  it('accepts dates in order, an error discovered and established at once, and one that occurred when it was discovered', () => {
    const ok = (dates: Partial<CdErrorReport>) =>
      recordReportComplete(input({ type: 'RECORD', report: { ...RECORD_REPORT, ...dates } }, { status: 'suspected', report: {} }));
    expect(ok({ occurredAt: '2026-12-15T09:00:00+00:00' })).toBeNull();
    expect(ok({ occurredAt: '2026-12-17T09:00:00+00:00', establishedAt: '2026-12-17T09:00:00+00:00' })).toBeNull();
    expect(ok({ establishedAt: NOW.toISOString() })).toBeNull();
  });
});

describe('dismissalReasonGiven', () => {
  it('passes with a reason', () => {
    expect(dismissalReasonGiven(input({ type: 'DISMISS', reason: 'The CSP returned the right subscriber.' }))).toBeNull();
  });
  it('refuses a blank reason', () => {
    expect(dismissalReasonGiven(input({ type: 'DISMISS', reason: ' ' }))).toMatchObject({ code: C.REASON_REQUIRED, fields: ['reason'] });
  });
});

describe('kindAssessed', () => {
  it('passes for each kind with a recorded report', () => {
    for (const kind of ['relevantError', 'recordableError', 'operatorError'] as const) {
      expect([kind, kindAssessed(input({ type: 'ASSESS', kind }))]).toEqual([kind, null]);
    }
  });
  it('refuses a missing or unknown kind', () => {
    expect(codeOf(kindAssessed(input({ type: 'ASSESS' })))).toBe(C.ERROR_KIND_REQUIRED);
    expect(codeOf(kindAssessed(input({ type: 'ASSESS', kind: 'seriousError' as never })))).toBe(C.ERROR_KIND_REQUIRED);
  });
  it('needs establishedAt to count from for a relevant error only', () => {
    const noEstablished = without(RECORD_REPORT, 'establishedAt');
    expect(kindAssessed(input({ type: 'ASSESS', kind: 'relevantError' }, { report: noEstablished }))).toMatchObject({
      code: C.ERROR_REPORT_INCOMPLETE,
      fields: ['establishedAt'],
    });
    expect(kindAssessed(input({ type: 'ASSESS', kind: 'recordableError' }, { report: noEstablished }))).toBeNull();
  });
});

describe('extensionOnlyForRelevantError', () => {
  it('passes for a relevant error', () => {
    expect(extensionOnlyForRelevantError(input({ type: 'AGREE_EXTENSION' }, relevantAssessed))).toBeNull();
  });
  it('refuses recordable and operator errors', () => {
    for (const kind of ['recordableError', 'operatorError'] as const) {
      expect(codeOf(extensionOnlyForRelevantError(input({ type: 'AGREE_EXTENSION' }, { status: 'assessed', kind })))).toBe(
        C.EXTENSION_ONLY_FOR_RELEVANT_ERRORS,
      );
    }
  });
});

describe('extensionDetailsGiven', () => {
  const extension: CdErrorEvent = {
    type: 'AGREE_EXTENSION',
    agreedDueAt: '2027-01-20T23:59:59.999+00:00',
    ipcAgreementReference: 'IPC/ERR/2026/1234',
    reason: 'Awaiting the CSP’s account of the fault.',
  };
  it('passes with a later agreed date, the IPC reference and a reason', () => {
    expect(extensionDetailsGiven(input(extension, relevantAssessed))).toBeNull();
  });
  it('refuses an extension of more than a year (a report delayed, not abandoned)', () => {
    expect(extensionDetailsGiven(input({ ...extension, agreedDueAt: '9999-12-31T23:59:59.999Z' }, relevantAssessed))?.fields).toEqual(['agreedDueAt']);
  });
  it('refuses a date not after the current due date (including an earlier agreed one) and lists what is missing', () => {
    expect(extensionDetailsGiven(input({ ...extension, agreedDueAt: '2027-01-07T23:59:59.999Z' }, relevantAssessed))).toMatchObject({
      code: C.EXTENSION_DETAILS_REQUIRED,
      fields: ['agreedDueAt'],
    });
    const alreadyExtended = { ...relevantAssessed, agreedDueAt: new Date('2027-01-25T23:59:59.999Z') };
    expect(codeOf(extensionDetailsGiven(input(extension, alreadyExtended)))).toBe(C.EXTENSION_DETAILS_REQUIRED);
    expect(extensionDetailsGiven(input({ type: 'AGREE_EXTENSION', agreedDueAt: '2027-01-20' }, relevantAssessed))).toMatchObject({
      fields: ['agreedDueAt', 'ipcAgreementReference', 'reason'],
    });
  });
});

describe('closeOnlyRecordable', () => {
  it('passes for a recordable error', () => {
    expect(closeOnlyRecordable(input({ type: 'CLOSE' }, { status: 'sroSighted', kind: 'recordableError' }))).toBeNull();
  });
  it('refuses relevant and operator errors', () => {
    for (const kind of ['relevantError', 'operatorError'] as const) {
      expect(codeOf(closeOnlyRecordable(input({ type: 'CLOSE' }, { status: 'sroSighted', kind })))).toBe(C.CLOSE_ONLY_RECORDABLE);
    }
  });
});

describe('reportOnlyRelevantOrOperator', () => {
  it('passes for relevant and operator errors', () => {
    for (const kind of ['relevantError', 'operatorError'] as const) {
      expect(reportOnlyRelevantOrOperator(input({ type: 'REPORT_TO_IPC' }, { status: 'sroSighted', kind }))).toBeNull();
    }
  });
  it('refuses a recordable error', () => {
    expect(codeOf(reportOnlyRelevantOrOperator(input({ type: 'REPORT_TO_IPC' }, { status: 'sroSighted', kind: 'recordableError' })))).toBe(
      C.REPORT_ONLY_RELEVANT_OR_OPERATOR,
    );
  });
});

describe('ipcReportComplete', () => {
  const sighted = { status: 'sroSighted', kind: 'relevantError' } as const;
  it('passes with a complete report, in the register or completed by the event', () => {
    expect(ipcReportComplete(input({ type: 'REPORT_TO_IPC' }, { ...sighted, report: FULL_REPORT }))).toBeNull();
    const partial = without(FULL_REPORT, 'preventiveSteps');
    expect(ipcReportComplete(input({ type: 'REPORT_TO_IPC', report: { preventiveSteps: 'Retraining.' } }, { ...sighted, report: partial }))).toBeNull();
  });
  it('lists the missing report fields', () => {
    expect(ipcReportComplete(input({ type: 'REPORT_TO_IPC' }, sighted))).toMatchObject({
      code: C.ERROR_REPORT_INCOMPLETE,
      fields: ['collateralIntrusion', 'preventiveSteps', 'dataWronglyObtained', 'dataDisposal', 'cspInformed', 'actionTakenOnData'],
    });
  });
  it('needs the time of destruction for destroyed data, and refuses a disposal that contradicts the destruction flag', () => {
    const noDestroyedAt = without(FULL_REPORT, 'dataDestroyedAt');
    expect(ipcReportComplete(input({ type: 'REPORT_TO_IPC' }, { ...sighted, report: { ...noDestroyedAt, dataDestructionConfirmed: undefined } }))).toMatchObject({
      code: C.ERROR_REPORT_INCOMPLETE,
      fields: ['dataDestroyedAt'],
    });
    expect(ipcReportComplete(input({ type: 'REPORT_TO_IPC' }, { ...sighted, report: { ...FULL_REPORT, dataDisposal: 'quarantinedPendingIpc' } }))).toMatchObject({
      code: C.ERROR_REPORT_INVALID,
      fields: ['dataDestructionConfirmed'],
    });
    expect(ipcReportComplete(input({ type: 'REPORT_TO_IPC' }, { ...sighted, report: { ...FULL_REPORT, dataDisposal: 'shredded' as never } }))).toMatchObject({
      code: C.ERROR_REPORT_INVALID,
      fields: ['dataDisposal'],
    });
  });
  it('needs the reason when the CSP was not told, the time of destruction when confirmed, and excess-data details', () => {
    const noDestroyedAt = without(FULL_REPORT, 'dataDestroyedAt');
    const report = { ...noDestroyedAt, cspInformed: false, causeCode: 'excessData' as const };
    expect(ipcReportComplete(input({ type: 'REPORT_TO_IPC' }, { ...sighted, report }))).toMatchObject({
      code: C.ERROR_REPORT_INCOMPLETE,
      fields: ['cspNotInformedReason', 'dataDestroyedAt', 'excessDataDetails'],
    });
  });
  it('accepts data quarantined pending the IPC (not destroyed) and cspInformed false with a reason', () => {
    const rest = without(FULL_REPORT, 'dataDestroyedAt');
    const report = {
      ...rest,
      dataDisposal: 'quarantinedPendingIpc' as const,
      dataDestructionConfirmed: false,
      cspInformed: false,
      cspNotInformedReason: 'Our error, not the CSP’s.',
    };
    expect(ipcReportComplete(input({ type: 'REPORT_TO_IPC' }, { ...sighted, report }))).toBeNull();
  });
});

describe('ipcResponseRecorded', () => {
  it('passes with either response', () => {
    expect(ipcResponseRecorded(input({ type: 'RECORD_IPC_RESPONSE', ipcResponse: 'noFurtherAction' }))).toBeNull();
    expect(ipcResponseRecorded(input({ type: 'RECORD_IPC_RESPONSE', ipcResponse: 'seriousErrorInvestigation' }))).toBeNull();
  });
  it('refuses a missing or unknown response', () => {
    expect(codeOf(ipcResponseRecorded(input({ type: 'RECORD_IPC_RESPONSE' })))).toBe(C.IPC_RESPONSE_REQUIRED);
    expect(codeOf(ipcResponseRecorded(input({ type: 'RECORD_IPC_RESPONSE', ipcResponse: 'closed' as never })))).toBe(C.IPC_RESPONSE_REQUIRED);
  });
});

describe('noS231ForOperatorErrors', () => {
  const reported = { status: 'reportedToIpc' } as const;
  it('passes for an operator error closed with no further action, and for a relevant error under investigation', () => {
    expect(noS231ForOperatorErrors(input({ type: 'RECORD_IPC_RESPONSE', ipcResponse: 'noFurtherAction' }, { ...reported, kind: 'operatorError' }))).toBeNull();
    expect(
      noS231ForOperatorErrors(input({ type: 'RECORD_IPC_RESPONSE', ipcResponse: 'seriousErrorInvestigation' }, { ...reported, kind: 'relevantError' })),
    ).toBeNull();
  });
  it('refuses a serious-error investigation of an operator error (IPCO-19 18.26)', () => {
    expect(
      codeOf(noS231ForOperatorErrors(input({ type: 'RECORD_IPC_RESPONSE', ipcResponse: 'seriousErrorInvestigation' }, { ...reported, kind: 'operatorError' }))),
    ).toBe(C.NO_S231_FOR_OPERATOR_ERRORS);
  });
});

describe('determinationRecorded', () => {
  it('passes with both booleans (false counts)', () => {
    expect(determinationRecorded(input({ type: 'RECORD_DETERMINATION', serious: false, personInformed: false }))).toBeNull();
    expect(determinationRecorded(input({ type: 'RECORD_DETERMINATION', serious: true, personInformed: true }))).toBeNull();
  });
  it('refuses missing or non-boolean answers', () => {
    expect(determinationRecorded(input({ type: 'RECORD_DETERMINATION' }))).toMatchObject({
      code: C.DETERMINATION_REQUIRED,
      fields: ['serious', 'personInformed'],
    });
    expect(determinationRecorded(input({ type: 'RECORD_DETERMINATION', serious: 'yes' as never, personInformed: true }))).toMatchObject({
      fields: ['serious'],
    });
  });
});

const INITIAL = { whatIsKnown: 'A check was made on the wrong number.', whyFullReportNotReady: 'The CSP has not confirmed the extent.', fullReportExpectedBy: '2027-01-15T17:00:00+00:00' };
const REPORTED_AT = '2026-12-19T10:00:00.000Z';
const ASKED_AT = '2026-12-20T09:00:00+00:00';

describe('initialNotificationGiven', () => {
  it('passes with what is known, why the full report is not ready and a future time for it', () => {
    expect(initialNotificationGiven(input({ type: 'NOTIFY_IPC_INITIAL', initialNotification: INITIAL }))).toBeNull();
  });
  it('names each part missing, and a time for the full report that is not in the future', () => {
    expect(initialNotificationGiven(input({ type: 'NOTIFY_IPC_INITIAL' }))).toMatchObject({
      code: C.INITIAL_NOTIFICATION_DETAILS_REQUIRED,
      fields: ['initialNotification.whatIsKnown', 'initialNotification.whyFullReportNotReady', 'initialNotification.fullReportExpectedBy'],
    });
    for (const fullReportExpectedBy of [NOW.toISOString(), '2026-12-20T10:00:00+00:00', '2027-01-15']) {
      expect(initialNotificationGiven(input({ type: 'NOTIFY_IPC_INITIAL', initialNotification: { ...INITIAL, fullReportExpectedBy } }))).toMatchObject({
        fields: ['initialNotification.fullReportExpectedBy'],
      });
    }
  });
});

describe('noInitialNotificationYet', () => {
  it('passes before any initial notification, and refuses a second', () => {
    expect(noInitialNotificationYet(input({ type: 'NOTIFY_IPC_INITIAL' }))).toBeNull();
    const made = { initialNotification: { ...INITIAL, recordedAt: REPORTED_AT, recordedBy: sro.id } };
    expect(codeOf(noInitialNotificationYet(input({ type: 'NOTIFY_IPC_INITIAL' }, { ipc: made })))).toBe(C.INITIAL_NOTIFICATION_ALREADY_MADE);
  });
});

describe('operatorInvestigationOnlyForOperatorErrors', () => {
  const reported = { status: 'reportedToIpc' } as const;
  const investigate = { type: 'RECORD_IPC_RESPONSE', ipcResponse: 'operatorErrorInvestigation' } as const;
  it('passes for an operator error, and for any other response', () => {
    expect(operatorInvestigationOnlyForOperatorErrors(input(investigate, { ...reported, kind: 'operatorError' }))).toBeNull();
    expect(operatorInvestigationOnlyForOperatorErrors(input({ type: 'RECORD_IPC_RESPONSE', ipcResponse: 'noFurtherAction' }, { ...reported, kind: 'relevantError' }))).toBeNull();
  });
  it('refuses it for a relevant error, which goes to the serious-error process', () => {
    expect(codeOf(operatorInvestigationOnlyForOperatorErrors(input(investigate, { ...reported, kind: 'relevantError' })))).toBe(
      C.OPERATOR_INVESTIGATION_ONLY_FOR_OPERATOR_ERRORS,
    );
  });
});

describe('submissionsRequestRecorded', () => {
  const reported = { status: 'seriousErrorInvestigation', kind: 'relevantError', report: { ...FULL_REPORT, reportedAt: REPORTED_AT } } as const;
  const ask = (submissionsRequest: CdErrorEvent['submissionsRequest']) => submissionsRequestRecorded(input({ type: 'RECORD_SUBMISSIONS_REQUEST', submissionsRequest }, reported));
  it('passes with when the IPC asked (after the report, not in the future) and a later date for the answer', () => {
    expect(ask({ requestedAt: ASKED_AT })).toBeNull();
    expect(ask({ requestedAt: ASKED_AT, respondBy: '2027-01-08T17:00:00+00:00' })).toBeNull();
  });
  it('refuses a request dated before the report, in the future or missing, and an answer date before the request', () => {
    for (const requestedAt of ['2026-12-19T09:00:00+00:00', '2026-12-22T09:00:00+00:00', undefined]) {
      expect(ask({ requestedAt })).toMatchObject({ code: C.SUBMISSIONS_REQUEST_DETAILS_REQUIRED, fields: ['submissionsRequest.requestedAt'] });
    }
    expect(ask({ requestedAt: ASKED_AT, respondBy: '2026-12-19T09:00:00+00:00' })).toMatchObject({ fields: ['submissionsRequest.respondBy'] });
  });
});

describe('submissionsRecorded', () => {
  const asked = { status: 'submissionsRequested', ipc: { submissionsRequest: { requestedAt: ASKED_AT, respondBy: null, recordedAt: ASKED_AT, recordedBy: sro.id } } } as const;
  const make = (submissions: CdErrorEvent['submissions']) => submissionsRecorded(input({ type: 'RECORD_SUBMISSIONS', submissions }, asked));
  it('passes with the submissions and when they were made, after the IPC asked', () => {
    expect(make({ text: 'No harm followed.', madeAt: '2026-12-21T09:00:00+00:00' })).toBeNull();
  });
  it('refuses blank submissions, and a time before the request or in the future', () => {
    expect(make({ text: ' ', madeAt: '2026-12-21T09:00:00+00:00' })).toMatchObject({ code: C.SUBMISSIONS_REQUIRED, fields: ['submissions.text'] });
    for (const madeAt of ['2026-12-20T08:59:59+00:00', '2026-12-22T09:00:00+00:00', 'today']) {
      expect(make({ text: 'No harm.', madeAt })).toMatchObject({ code: C.SUBMISSIONS_REQUIRED, fields: ['submissions.madeAt'] });
    }
  });
});

describe('investigationOutcomeRecorded', () => {
  it('passes with the outcome in words, and refuses a blank one', () => {
    expect(investigationOutcomeRecorded(input({ type: 'RECORD_INVESTIGATION_OUTCOME', investigationOutcome: 'Fault corrected.' }))).toBeNull();
    expect(codeOf(investigationOutcomeRecorded(input({ type: 'RECORD_INVESTIGATION_OUTCOME', investigationOutcome: '' })))).toBe(C.INVESTIGATION_OUTCOME_REQUIRED);
  });
});
