import fc from 'fast-check';
import { describeModelBasedTest } from '../../test/support/workflow-model-test';
import type { ActorFacts } from './core/actor';
import { WorkflowInvariantError } from './core/invariant';
import { cdErrorEngine } from './cd-error.engine';
import { CD_ERROR_RULE_CODES as C, type CdErrorFacts, type CdErrorGuardInput } from './cd-error.guards';
import {
  CD_ERROR_MACHINE_VERSION,
  cdErrorMachine,
  type CdErrorMachineEvent,
} from './cd-error.machine';
import { CD_ERROR_EVENT_RULES } from './cd-error.policy';
import {
  CD_ERROR_EVENT_TYPES,
  CD_ERROR_STATES,
  CD_ERROR_TRANSITIONS,
  type CdErrorEvent,
  type CdErrorKind,
  type CdErrorState,
} from './cd-error.types';
import { ROLES, type EventSender } from './roles';
import { applicant, DUE_18_DEC, FULL_REPORT, NOW, otherForceSro, POLICE, RECORD_REPORT, spoc, sro } from '../../test/support/cd-error-fixtures';

// ---------------------------------------------------------------------------------------------
// Fixtures (fixed dates; no clock)
// ---------------------------------------------------------------------------------------------

const DUE = DUE_18_DEC;
const EXTENSION: CdErrorEvent = {
  type: 'AGREE_EXTENSION',
  agreedDueAt: '2027-01-20T23:59:59.999+00:00',
  ipcAgreementReference: 'IPC/ERR/2026/1234',
  reason: 'Awaiting the CSP’s account.',
};

const INITIAL_NOTIFICATION: CdErrorEvent = {
  type: 'NOTIFY_IPC_INITIAL',
  initialNotification: {
    whatIsKnown: 'A subscriber check was made on the wrong number.',
    whyFullReportNotReady: 'The CSP has not yet confirmed what else was disclosed.',
    fullReportExpectedBy: '2027-01-15T17:00:00+00:00',
  },
};
/** A report as it stands once sent to the IPC (reported on 19 December 2026). */
const REPORTED = { ...FULL_REPORT, reportedAt: '2026-12-19T10:00:00.000Z', reportedBy: 'u-sro' };
const SUBMISSIONS_REQUEST: CdErrorEvent = { type: 'RECORD_SUBMISSIONS_REQUEST', submissionsRequest: { requestedAt: '2026-12-20T09:00:00+00:00' } };
const ASKED = { submissionsRequest: { requestedAt: '2026-12-20T09:00:00+00:00', respondBy: null, recordedAt: '2026-12-20T09:30:00.000Z', recordedBy: 'u-sro' } };
const SUBMISSIONS: CdErrorEvent = {
  type: 'RECORD_SUBMISSIONS',
  submissions: { text: 'The wrong subscriber was never contacted; the data was destroyed the same day.', madeAt: '2026-12-21T09:00:00+00:00' },
};

function facts(status: CdErrorState, kind: CdErrorKind | null, over: Partial<CdErrorFacts> = {}): CdErrorFacts {
  const assessed = !['suspected', 'recorded', 'dismissed'].includes(status);
  return {
    id: 'err-1',
    authorityId: POLICE,
    status,
    kind,
    report: status === 'suspected' ? {} : RECORD_REPORT,
    reportDueAt: assessed && kind === 'relevantError' ? DUE : null,
    agreedDueAt: null,
    ipc: {},
    ...over,
  };
}

function guardInput(error: CdErrorFacts, actor: ActorFacts, event: CdErrorEvent): CdErrorGuardInput {
  return { error, actor, event, now: NOW };
}

function ev(error: CdErrorFacts, actor: ActorFacts, event: CdErrorEvent): CdErrorMachineEvent {
  return { type: event.type, guardInput: guardInput(error, actor, event) };
}

/** One valid event (every rule passes) per §7.3 row leaving the state. */
function validEvents(state: CdErrorState): CdErrorMachineEvent[] {
  switch (state) {
    case 'suspected':
      return [
        ev(facts(state, null), spoc, { type: 'RECORD', report: RECORD_REPORT }),
        ev(facts(state, null), spoc, { type: 'DISMISS', reason: 'Right subscriber after all.' }),
      ];
    case 'recorded':
      return [
        ev(facts(state, null), sro, { type: 'DISMISS', reason: 'Data matched the authorisation.' }),
        ev(facts(state, null), spoc, { type: 'ASSESS', kind: 'relevantError' }),
      ];
    case 'assessed':
    case 'sroSighted':
      // The SRO may report or close straight from assessed, the sighting recorded with it (docs/law.md §4.4).
      return [
        ...(state === 'assessed' ? [ev(facts(state, 'relevantError'), sro, { type: 'SIGHT' })] : []),
        ev(facts(state, 'relevantError'), sro, EXTENSION),
        ev(facts(state, 'relevantError'), sro, INITIAL_NOTIFICATION),
        ev(facts(state, 'recordableError'), sro, { type: 'CLOSE' }),
        ev(facts(state, 'relevantError', { report: FULL_REPORT }), sro, { type: 'REPORT_TO_IPC' }),
      ];
    case 'reportedToIpc':
      return [
        ev(facts(state, 'operatorError', { report: REPORTED }), sro, { type: 'RECORD_IPC_RESPONSE', ipcResponse: 'noFurtherAction' }),
        ev(facts(state, 'relevantError', { report: REPORTED }), sro, {
          type: 'RECORD_IPC_RESPONSE',
          ipcResponse: 'seriousErrorInvestigation',
          ipcReference: 'IPC/SEI/2027/7',
        }),
        ev(facts(state, 'operatorError', { report: REPORTED }), sro, {
          type: 'RECORD_IPC_RESPONSE',
          ipcResponse: 'operatorErrorInvestigation',
          ipcReference: 'IPC/OPS/2027/3',
        }),
      ];
    case 'seriousErrorInvestigation':
      return [ev(facts(state, 'relevantError', { report: REPORTED }), sro, SUBMISSIONS_REQUEST)];
    case 'submissionsRequested':
      return [ev(facts(state, 'relevantError', { report: REPORTED, ipc: ASKED }), sro, SUBMISSIONS)];
    case 'submissionsMade':
      return [
        ev(facts(state, 'relevantError', { report: REPORTED }), sro, {
          type: 'RECORD_DETERMINATION',
          serious: true,
          personInformed: true,
          determinationNotes: 'Significant harm: search warrant executed at the wrong address.',
        }),
      ];
    case 'operatorErrorInvestigation':
      return [
        ev(facts(state, 'operatorError', { report: REPORTED }), sro, {
          type: 'RECORD_INVESTIGATION_OUTCOME',
          investigationOutcome: 'The CSP found a fault in its lookup and corrected it.',
        }),
      ];
    case 'dismissed':
    case 'closed':
      return [];
  }
}

function apply(state: CdErrorState, error: CdErrorFacts, actor: ActorFacts, event: CdErrorEvent) {
  return cdErrorEngine.apply(state, event, guardInput(error, actor, event));
}

const key = (from: unknown, type: string, to: unknown) => `${String(from)} --${type}--> ${String(to)}`;

// ---------------------------------------------------------------------------------------------
// Structure
// ---------------------------------------------------------------------------------------------

describe('cdErrorMachine structure (docs/architecture.md §7.3)', () => {
  it('has exactly the §7.3 states, flat, with dismissed and closed final', () => {
    expect(Object.keys(cdErrorMachine.root.states).sort()).toEqual([...CD_ERROR_STATES].sort());
    for (const state of CD_ERROR_STATES) {
      const node = cdErrorMachine.root.states[state];
      expect([state, Object.keys(node.states)]).toEqual([state, []]);
      expect([state, node.type === 'final']).toEqual([state, state === 'dismissed' || state === 'closed']);
    }
    expect(cdErrorMachine.config.initial).toBe('suspected');
    expect(CD_ERROR_MACHINE_VERSION).toBe('2');
  });

  it('defines in each state exactly the events of the §7.3 table', () => {
    for (const state of CD_ERROR_STATES) {
      const own = [...cdErrorMachine.root.states[state].ownEvents].sort();
      expect([state, own]).toEqual([state, [...cdErrorEngine.definedEvents(state)].sort()]);
    }
  });

  it('has no invoke, after or delayed transitions', () => {
    for (const state of CD_ERROR_STATES) {
      const node = cdErrorMachine.root.states[state];
      expect([state, node.invoke.length, node.after.length]).toEqual([state, 0, 0]);
    }
  });

  it('has a rule row for every event type, with the §7.3 senders', () => {
    expect(Object.keys(CD_ERROR_EVENT_RULES).sort()).toEqual([...CD_ERROR_EVENT_TYPES].sort());
    const roles = Object.fromEntries(CD_ERROR_EVENT_TYPES.map((type) => [type, [...CD_ERROR_EVENT_RULES[type].roles]]));
    expect(roles).toEqual({
      RECORD: ['spoc', 'sro'],
      DISMISS: ['spoc', 'sro'],
      ASSESS: ['spoc', 'sro'],
      SIGHT: ['sro'],
      AGREE_EXTENSION: ['sro'],
      NOTIFY_IPC_INITIAL: ['sro'],
      CLOSE: ['sro'],
      REPORT_TO_IPC: ['sro'],
      RECORD_IPC_RESPONSE: ['sro'],
      RECORD_SUBMISSIONS_REQUEST: ['sro'],
      RECORD_SUBMISSIONS: ['sro'],
      RECORD_DETERMINATION: ['sro'],
      RECORD_INVESTIGATION_OUTCOME: ['sro'],
    });
  });
});

describe('cdErrorEngine.allowedEvents', () => {
  it('is the state’s events ∩ the caller’s roles', () => {
    expect(cdErrorEngine.allowedEvents('suspected', ['spoc'])).toEqual(['RECORD', 'DISMISS']);
    expect(cdErrorEngine.allowedEvents('assessed', ['spoc'])).toEqual([]);
    expect(cdErrorEngine.allowedEvents('assessed', ['sro'])).toEqual(['SIGHT', 'AGREE_EXTENSION', 'NOTIFY_IPC_INITIAL', 'CLOSE', 'REPORT_TO_IPC']);
    expect(cdErrorEngine.allowedEvents('sroSighted', ['spoc', 'sro'])).toEqual(['AGREE_EXTENSION', 'NOTIFY_IPC_INITIAL', 'CLOSE', 'REPORT_TO_IPC']);
    expect(cdErrorEngine.allowedEvents('closed', ['sro'])).toEqual([]);
    expect(cdErrorEngine.allowedEvents('recorded', ['applicant', 'dso'])).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Engine
// ---------------------------------------------------------------------------------------------

describe('applyCdErrorEvent: invalid transitions and roles', () => {
  it('answers invalidTransition with the caller’s allowed events when the state does not define the event', () => {
    const result = apply('suspected', facts('suspected', null), sro, { type: 'SIGHT' });
    expect(result).toEqual({
      ok: false,
      kind: 'invalidTransition',
      noun: 'entry',
      state: 'suspected',
      eventType: 'SIGHT',
      allowedEvents: ['RECORD', 'DISMISS'],
      blockedEvents: [],
    });
    const closed = apply('closed', facts('closed', 'recordableError'), sro, { type: 'CLOSE' });
    expect(closed).toMatchObject({ kind: 'invalidTransition', allowedEvents: [] });
  });

  it('answers invalidTransition for an unknown event type', () => {
    const result = apply('recorded', facts('recorded', null), sro, { type: 'ESCALATE' as never });
    expect(result).toMatchObject({ ok: false, kind: 'invalidTransition', eventType: 'ESCALATE', allowedEvents: ['DISMISS', 'ASSESS'] });
  });

  it('answers forbiddenRole when none of the caller’s roles may send the event', () => {
    expect(apply('assessed', facts('assessed', 'relevantError'), spoc, { type: 'SIGHT' })).toEqual({
      ok: false,
      kind: 'forbiddenRole',
      noun: 'entry',
      eventType: 'SIGHT',
      allowedRoles: ['sro'],
    });
    expect(apply('suspected', facts('suspected', null), applicant, { type: 'RECORD', report: RECORD_REPORT })).toMatchObject({
      kind: 'forbiddenRole',
      allowedRoles: ['spoc', 'sro'],
    });
  });

  it('answers ruleFailed about the actor for an officer of another authority', () => {
    const result = apply('assessed', facts('assessed', 'relevantError'), otherForceSro, { type: 'SIGHT' });
    expect(result).toMatchObject({ ok: false, kind: 'ruleFailed', ruleKind: 'actor', failure: { code: C.NOT_AUTHORITY_ERROR_OFFICER } });
  });
});

describe('applyCdErrorEvent: rules (422)', () => {
  const cases: Array<[string, CdErrorState, CdErrorFacts, CdErrorEvent, string]> = [
    ['RECORD without the record fields', 'suspected', facts('suspected', null), { type: 'RECORD', report: { errorDescription: 'x' } }, C.ERROR_REPORT_INCOMPLETE],
    ['DISMISS without a reason', 'recorded', facts('recorded', null), { type: 'DISMISS' }, C.REASON_REQUIRED],
    ['ASSESS without a kind', 'recorded', facts('recorded', null), { type: 'ASSESS' }, C.ERROR_KIND_REQUIRED],
    ['AGREE_EXTENSION on a recordable error', 'assessed', facts('assessed', 'recordableError'), EXTENSION, C.EXTENSION_ONLY_FOR_RELEVANT_ERRORS],
    ['AGREE_EXTENSION without the IPC reference', 'sroSighted', facts('sroSighted', 'relevantError'), { ...EXTENSION, ipcAgreementReference: '' }, C.EXTENSION_DETAILS_REQUIRED],
    ['CLOSE of a relevant error', 'sroSighted', facts('sroSighted', 'relevantError'), { type: 'CLOSE' }, C.CLOSE_ONLY_RECORDABLE],
    ['CLOSE of an operator error', 'sroSighted', facts('sroSighted', 'operatorError'), { type: 'CLOSE' }, C.CLOSE_ONLY_RECORDABLE],
    ['REPORT_TO_IPC of a recordable error', 'sroSighted', facts('sroSighted', 'recordableError', { report: FULL_REPORT }), { type: 'REPORT_TO_IPC' }, C.REPORT_ONLY_RELEVANT_OR_OPERATOR],
    ['REPORT_TO_IPC with an incomplete report', 'sroSighted', facts('sroSighted', 'relevantError'), { type: 'REPORT_TO_IPC' }, C.ERROR_REPORT_INCOMPLETE],
    ['RECORD_IPC_RESPONSE without a response', 'reportedToIpc', facts('reportedToIpc', 'relevantError'), { type: 'RECORD_IPC_RESPONSE' }, C.IPC_RESPONSE_REQUIRED],
    ['serious-error investigation of an operator error', 'reportedToIpc', facts('reportedToIpc', 'operatorError'), { type: 'RECORD_IPC_RESPONSE', ipcResponse: 'seriousErrorInvestigation' }, C.NO_S231_FOR_OPERATOR_ERRORS],
    ['RECORD_DETERMINATION without personInformed', 'submissionsMade', facts('submissionsMade', 'relevantError'), { type: 'RECORD_DETERMINATION', serious: false }, C.DETERMINATION_REQUIRED],
    ['operator-error investigation of a relevant error', 'reportedToIpc', facts('reportedToIpc', 'relevantError'), { type: 'RECORD_IPC_RESPONSE', ipcResponse: 'operatorErrorInvestigation' }, C.OPERATOR_INVESTIGATION_ONLY_FOR_OPERATOR_ERRORS],
    ['NOTIFY_IPC_INITIAL without why the full report is late', 'assessed', facts('assessed', 'relevantError'), { type: 'NOTIFY_IPC_INITIAL', initialNotification: { whatIsKnown: 'x', fullReportExpectedBy: '2027-01-15T17:00:00+00:00' } }, C.INITIAL_NOTIFICATION_DETAILS_REQUIRED],
    ['a second initial notification', 'sroSighted', facts('sroSighted', 'relevantError', { ipc: { initialNotification: { whatIsKnown: 'k', whyFullReportNotReady: 'w', fullReportExpectedBy: '2027-01-15T17:00:00+00:00', recordedAt: '2026-12-20T10:00:00.000Z', recordedBy: 'u-sro' } } }), INITIAL_NOTIFICATION, C.INITIAL_NOTIFICATION_ALREADY_MADE],
    ['RECORD_SUBMISSIONS_REQUEST dated before the report', 'seriousErrorInvestigation', facts('seriousErrorInvestigation', 'relevantError', { report: REPORTED }), { type: 'RECORD_SUBMISSIONS_REQUEST', submissionsRequest: { requestedAt: '2026-12-18T09:00:00+00:00' } }, C.SUBMISSIONS_REQUEST_DETAILS_REQUIRED],
    ['RECORD_SUBMISSIONS made before the IPC asked', 'submissionsRequested', facts('submissionsRequested', 'relevantError', { report: REPORTED, ipc: ASKED }), { type: 'RECORD_SUBMISSIONS', submissions: { text: 'x', madeAt: '2026-12-19T09:00:00+00:00' } }, C.SUBMISSIONS_REQUIRED],
    ['RECORD_INVESTIGATION_OUTCOME without the outcome', 'operatorErrorInvestigation', facts('operatorErrorInvestigation', 'operatorError'), { type: 'RECORD_INVESTIGATION_OUTCOME', investigationOutcome: ' ' }, C.INVESTIGATION_OUTCOME_REQUIRED],
  ];
  it.each(cases)('%s', (_name, state, error, event, code) => {
    const actor = event.type === 'RECORD' || event.type === 'DISMISS' || event.type === 'ASSESS' ? spoc : sro;
    const result = apply(state, error, actor, event);
    expect(result).toMatchObject({ ok: false, kind: 'ruleFailed', ruleKind: 'content', failure: { code } });
    // The machine refuses the same event on its own (defence in depth).
    expect(cdErrorEngine.snapshotFor(state).can({ type: event.type, guardInput: guardInput(error, actor, event) })).toBe(false);
  });
});

describe('applyCdErrorEvent: transitions and changes', () => {
  it('RECORD keeps the merged report', () => {
    const result = apply('suspected', facts('suspected', null), spoc, { type: 'RECORD', report: RECORD_REPORT });
    expect(result).toMatchObject({ ok: true, previousState: 'suspected', nextState: 'recorded', changes: { report: RECORD_REPORT } });
  });

  it('ASSESS of a relevant error sets kind and reportDueAt (10 working days, or as configured)', () => {
    const event: CdErrorEvent = { type: 'ASSESS', kind: 'relevantError' };
    const result = apply('recorded', facts('recorded', null), spoc, event);
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.nextState).toBe('assessed');
    expect(result.changes.kind).toBe('relevantError');
    expect(result.changes.reportDueAt?.toISOString()).toBe('2027-01-07T23:59:59.999Z');
    const five = cdErrorEngine.apply('recorded', event, guardInput(facts('recorded', null), spoc, event), { reportWorkingDays: 5 });
    expect(five.ok && five.changes.reportDueAt?.toISOString()).toBe('2026-12-29T23:59:59.999Z');
    expect(five.ok && five.guardInputsUsed.reportWorkingDays).toBe(5);
  });

  it('ASSESS of a recordable or operator error sets no due date', () => {
    for (const kind of ['recordableError', 'operatorError'] as const) {
      const result = apply('recorded', facts('recorded', null), sro, { type: 'ASSESS', kind });
      expect([kind, result.ok && result.changes]).toEqual([kind, { kind, report: RECORD_REPORT, reportDueAt: null }]);
    }
  });

  it('refuses a report length that is not a positive integer', () => {
    const event: CdErrorEvent = { type: 'ASSESS', kind: 'relevantError' };
    expect(() => cdErrorEngine.apply('recorded', event, guardInput(facts('recorded', null), spoc, event), { reportWorkingDays: 0 })).toThrow(RangeError);
  });

  it('SIGHT records when the SRO sighted it', () => {
    const result = apply('assessed', facts('assessed', 'recordableError'), sro, { type: 'SIGHT' });
    expect(result).toMatchObject({ ok: true, nextState: 'sroSighted', changes: { report: { ...RECORD_REPORT, sroSightedAt: NOW.toISOString() } } });
  });

  it('AGREE_EXTENSION keeps the state in assessed and in sroSighted and sets agreedDueAt', () => {
    for (const state of ['assessed', 'sroSighted'] as const) {
      const result = apply(state, facts(state, 'relevantError'), sro, EXTENSION);
      expect(result).toMatchObject({ ok: true, previousState: state, nextState: state });
      expect(result.ok && result.changes.agreedDueAt?.toISOString()).toBe('2027-01-20T23:59:59.999Z');
    }
  });

  it('CLOSE closes a recordable error', () => {
    expect(apply('sroSighted', facts('sroSighted', 'recordableError'), sro, { type: 'CLOSE' })).toMatchObject({ ok: true, nextState: 'closed', changes: {} });
  });

  it('REPORT_TO_IPC reports relevant and operator errors and stamps reportedAt and reportedBy', () => {
    for (const kind of ['relevantError', 'operatorError'] as const) {
      const result = apply('sroSighted', facts('sroSighted', kind, { report: FULL_REPORT }), sro, { type: 'REPORT_TO_IPC' });
      expect([kind, result]).toMatchObject([
        kind,
        { ok: true, nextState: 'reportedToIpc', changes: { report: { ...FULL_REPORT, reportedAt: NOW.toISOString(), reportedBy: sro.id } } },
      ]);
    }
  });

  it('RECORD_IPC_RESPONSE: noFurtherAction closes; seriousErrorInvestigation opens the investigation', () => {
    const nfa = apply('reportedToIpc', facts('reportedToIpc', 'relevantError'), sro, { type: 'RECORD_IPC_RESPONSE', ipcResponse: 'noFurtherAction' });
    expect(nfa).toMatchObject({ ok: true, nextState: 'closed', guardInputsUsed: { seriousErrorInvestigationBranch: false } });
    const sei = apply('reportedToIpc', facts('reportedToIpc', 'relevantError'), sro, { type: 'RECORD_IPC_RESPONSE', ipcResponse: 'seriousErrorInvestigation' });
    expect(sei).toMatchObject({ ok: true, nextState: 'seriousErrorInvestigation', guardInputsUsed: { seriousErrorInvestigationBranch: true } });
    const operator = apply('reportedToIpc', facts('reportedToIpc', 'operatorError'), sro, { type: 'RECORD_IPC_RESPONSE', ipcResponse: 'noFurtherAction' });
    expect(operator).toMatchObject({ ok: true, nextState: 'closed' });
  });

  it('RECORD_DETERMINATION closes, and keeps the determination with the request and the submissions before it (IPA s.231(5))', () => {
    const asked = apply('seriousErrorInvestigation', facts('seriousErrorInvestigation', 'relevantError', { report: REPORTED }), sro, SUBMISSIONS_REQUEST);
    expect(asked).toMatchObject({
      ok: true,
      nextState: 'submissionsRequested',
      changes: { ipc: { submissionsRequest: { requestedAt: '2026-12-20T09:00:00+00:00', respondBy: null, recordedAt: NOW.toISOString(), recordedBy: sro.id } } },
    });
    const made = apply('submissionsRequested', facts('submissionsRequested', 'relevantError', { report: REPORTED, ipc: ASKED }), sro, SUBMISSIONS);
    expect(made).toMatchObject({ ok: true, nextState: 'submissionsMade', changes: { ipc: { ...ASKED, submissions: { madeAt: '2026-12-21T09:00:00+00:00' } } } });
    const result = apply('submissionsMade', facts('submissionsMade', 'relevantError'), sro, {
      type: 'RECORD_DETERMINATION',
      serious: false,
      personInformed: false,
    });
    expect(result).toMatchObject({ ok: true, nextState: 'closed', changes: { ipc: { determination: { serious: false, personInformed: false, notes: null } } } });
  });

  it('the IPC may investigate an operator error outside s.231; its outcome closes the entry', () => {
    const opened = apply('reportedToIpc', facts('reportedToIpc', 'operatorError'), sro, { type: 'RECORD_IPC_RESPONSE', ipcResponse: 'operatorErrorInvestigation' });
    expect(opened).toMatchObject({
      ok: true,
      nextState: 'operatorErrorInvestigation',
      guardInputsUsed: { seriousErrorInvestigationBranch: false, operatorErrorInvestigationBranch: true },
    });
    const outcome = apply('operatorErrorInvestigation', facts('operatorErrorInvestigation', 'operatorError'), sro, {
      type: 'RECORD_INVESTIGATION_OUTCOME',
      investigationOutcome: 'The CSP corrected its lookup.',
    });
    expect(outcome).toMatchObject({ ok: true, nextState: 'closed', changes: { ipc: { investigationOutcome: { outcome: 'The CSP corrected its lookup.' } } } });
  });

  it('NOTIFY_IPC_INITIAL keeps the state and the due date, and records what was said, when and by whom', () => {
    for (const state of ['assessed', 'sroSighted'] as const) {
      const result = apply(state, facts(state, 'relevantError'), sro, INITIAL_NOTIFICATION);
      expect(result).toEqual(expect.objectContaining({ ok: true, nextState: state }));
      expect(result.ok && result.changes).toEqual({
        ipc: { initialNotification: { ...INITIAL_NOTIFICATION.initialNotification, recordedAt: NOW.toISOString(), recordedBy: sro.id } },
      });
    }
  });

  it('REPORT_TO_IPC and CLOSE straight from assessed record the SRO’s sighting with them', () => {
    const reported = apply('assessed', facts('assessed', 'relevantError', { report: FULL_REPORT }), sro, { type: 'REPORT_TO_IPC' });
    expect(reported).toMatchObject({ ok: true, nextState: 'reportedToIpc', changes: { report: { sroSightedAt: NOW.toISOString(), reportedAt: NOW.toISOString() } } });
    const closed = apply('assessed', facts('assessed', 'recordableError'), sro, { type: 'CLOSE' });
    expect(closed).toMatchObject({ ok: true, nextState: 'closed', changes: { report: { sroSightedAt: NOW.toISOString() } } });
    const sightedEarlier = { ...FULL_REPORT, sroSightedAt: '2026-12-19T09:00:00.000Z' };
    const later = apply('sroSighted', facts('sroSighted', 'relevantError', { report: sightedEarlier }), sro, { type: 'REPORT_TO_IPC' });
    expect(later).toMatchObject({ ok: true, changes: { report: { sroSightedAt: '2026-12-19T09:00:00.000Z' } } });
  });

  it('judges the persisted status, not the status in the facts', () => {
    // Facts claim `assessed`, but the row is `sroSighted`: CLOSE is allowed there and guards see sroSighted.
    const result = apply('sroSighted', facts('assessed', 'recordableError'), sro, { type: 'CLOSE' });
    expect(result).toMatchObject({ ok: true, previousState: 'sroSighted', guardInputsUsed: { error: { status: 'sroSighted' } } });
  });

  it('records JSON-safe guard inputs that replay to the same answer', () => {
    const error = facts('sroSighted', 'relevantError', { agreedDueAt: new Date('2027-01-10T23:59:59.999Z') });
    const event: CdErrorEvent = { ...EXTENSION };
    const result = cdErrorEngine.apply('sroSighted', event, guardInput(error, sro, event));
    if (!result.ok) throw new Error(JSON.stringify(result));
    const record = result.guardInputsUsed;
    expect(JSON.parse(JSON.stringify(record))).toEqual(record);
    expect(record).toMatchObject({
      machineVersion: CD_ERROR_MACHINE_VERSION,
      eventType: 'AGREE_EXTENSION',
      guardsRun: ['ACTOR_IN_ERROR_AUTHORITY', 'EXTENSION_ONLY_FOR_RELEVANT_ERROR', 'EXTENSION_DETAILS_GIVEN'],
      now: NOW.toISOString(),
      error: { reportDueAt: DUE.toISOString(), agreedDueAt: '2027-01-10T23:59:59.999Z' },
      reportWorkingDays: 10,
      seriousErrorInvestigationBranch: null,
    });
    const replayInput = cdErrorEngine.definition.fromRecord(record).input;
    expect(replayInput).toEqual({ ...guardInput(error, sro, event), error: { ...error, status: 'sroSighted' } });
    const replay = cdErrorEngine.apply('sroSighted', replayInput.event, replayInput);
    expect(replay.ok && replay.guardInputsUsed).toEqual(record);
  });

  it('exports the invariant error it throws when machine and rule table disagree', () => {
    expect(new WorkflowInvariantError('x').name).toBe('WorkflowInvariantError');
  });
});

describe('applyCdErrorEvent: property', () => {
  const pool = CD_ERROR_STATES.flatMap((state) => validEvents(state));
  it('never throws; ok only along a §7.3 row, and only for a role in the rule table', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CD_ERROR_STATES),
        fc.constantFrom(...pool),
        fc.subarray([...ROLES]),
        (state, machineEvent, roles) => {
          const senders: readonly EventSender[] = roles;
          const input = { ...machineEvent.guardInput, actor: { ...machineEvent.guardInput.actor, roles: senders } };
          const result = cdErrorEngine.apply(state, machineEvent.guardInput.event, input);
          const type = machineEvent.type;
          const defined = cdErrorEngine.definedEvents(state).includes(type);
          const maySend = CD_ERROR_EVENT_RULES[type].roles.some((role) => senders.includes(role));
          // The role is checked before the state (docs/architecture.md §4).
          expect(result.ok === false && result.kind === 'forbiddenRole').toBe(!maySend);
          expect(result.ok === false && result.kind === 'invalidTransition').toBe(maySend && !defined);
          if (result.ok) {
            expect(CD_ERROR_TRANSITIONS.map(([f, t, to]) => key(f, t, to))).toContain(key(state, type, result.nextState));
            expect(CD_ERROR_EVENT_RULES[type].roles.some((role) => senders.includes(role))).toBe(true);
          }
          if (!result.ok && result.kind === 'invalidTransition') {
            expect({ allowedEvents: result.allowedEvents, blockedEvents: result.blockedEvents }).toEqual(cdErrorEngine.eventsFor(state, input));
            const offered = [...result.allowedEvents, ...result.blockedEvents.map((b) => b.event)];
            expect(offered.sort()).toEqual(cdErrorEngine.allowedEvents(state, senders).sort());
          }
        },
      ),
      { numRuns: 500, seed: 20261123 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Model-based test (xstate/graph)
// ---------------------------------------------------------------------------------------------

describeModelBasedTest({
  name: 'cdErrorMachine',
  machine: cdErrorMachine,
  engine: cdErrorEngine,
  initial: 'suspected',
  states: CD_ERROR_STATES,
  eventTypes: CD_ERROR_EVENT_TYPES,
  transitions: CD_ERROR_TRANSITIONS,
  validEvents,
});
