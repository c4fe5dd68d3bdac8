import fc from 'fast-check';
import { transition } from 'xstate';
import { createTestModel, getAdjacencyMap, getShortestPaths, type AdjacencyMap } from 'xstate/graph';
import {
  applicationEngine,
  } from './application.engine';
import {
  APPLICATION_RULE_CODES as C,
  DEFAULT_WORKFLOW_POLICY,
  type ActorFacts,
  type ApplicationFacts,
  type ApplicationRuleCode,
  type GuardInput,
  APPLICATION_RULE_KINDS,
} from './application.guards';
import {
  APPLICATION_EVENT_TYPES,
  APPLICATION_MACHINE_VERSION,
  APPLICATION_STATES,
  APPLICATION_TRANSITIONS,
  IMPORTED_ONLY_STATES,
  applicationMachine,
  type ApplicationEventType,
  type ApplicationMachineEvent,
  type ApplicationSnapshot,
  type ApplicationState,
} from './application.machine';
import { APPLICATION_EVENT_RULES } from './application.policy';
import type { ApplicationEvent, ApplicationForm, DataItem, Route } from './application.types';
import { ROLES, type EventSender } from './roles';
import {
  NOW,
  applicant,
  application,
  callRecordsItem,
  dso,
  inspectorDso,
  jc,
  nafnSpoc,
  ocda,
  person,
  spoc,
  sro,
  subscriberItem,
  teamMate,
} from '../../test/support/application-guard-fixtures';

// ---------------------------------------------------------------------------------------------
// Fixtures (fixed dates; no clock)
// ---------------------------------------------------------------------------------------------


const scheduler = person('system:scheduler', ['system']);
const LA = { authorityId: 'auth-la', authorityType: 'localAuthority' as const };
const laApplicant = person('u-la-app', ['applicant'], { authorityId: 'auth-la', authorityType: 'localAuthority' });

const icrItem: DataItem = { ...subscriberItem, ref: 'd3', category: 'events', subtype: 'internetConnectionRecord', icrCondition: 'C' };

function form(route: Route, over: Partial<ApplicationForm> = {}): ApplicationForm {
  const urgent =
    route === 'dso61A'
      ? { priorityGrade: 'grade1' as const, urgencyJustification: 'Missing vulnerable person.' }
      : { priorityGrade: 'routine' as const };
  // A police force's s.61 route is open to national security and the related economic well-being only
  // (IPA Sch 4 Part 1; docs/law.md §9), so the dso61 form is a national-security one, without offences.
  const purpose =
    route === 'dso61'
      ? { statutoryPurpose: 'nationalSecurity' as const, offences: null }
      : { statutoryPurpose: 'applicableCrime' as const, offences: [{ description: 'Robbery', isS263SeriousCrime: true }] };
  return {
    applicantDetails: { name: 'DC Jane Doe', officeRankPosition: 'Detective Constable' },
    investigationRef: 'CRIME/2026/0042',
    route,
    ...purpose,
    investigationSummary: 'Street robbery on 1 March.',
    subjects: [{ role: 'suspect' }],
    journalisticSourceSought: false,
    imminentThreatToLife: false,
    identifiers: [{ ref: 'i1', type: 'msisdn', value: '020 7946 0123', normalisedValue: '+442079460123', source: 'victim' }],
    dataItems: [subscriberItem],
    necessity: 'n',
    proportionality: 'p',
    collateralIntrusion: 'c',
    unintendedConsequences: 'u',
    howDataWillBeUsed: 'h',
    ...urgent,
    ...over,
  };
}

function facts(state: ApplicationState, route: Route, over: Partial<ApplicationFacts> = {}): ApplicationFacts {
  const spocSection = { spocAdvice: 'Use the CSP secure system.', acquisitionMethod: 'cspSecureSystem' } as const;
  return application({ status: state, route, form: form(route), spocSection, ...over });
}

function guardInput(
  application: ApplicationFacts,
  actor: ActorFacts,
  event: ApplicationEvent,
  decider: ActorFacts | null = null,
): GuardInput {
  return { application, actor, decider, event, policy: DEFAULT_WORKFLOW_POLICY, now: NOW };
}

function machineEvent(input: GuardInput): ApplicationMachineEvent {
  return { type: input.event.type, guardInput: input };
}

const GRANT_DECISION = {
  rationale: 'Necessary for the investigation; nine days is proportionate.',
  officeRank: 'Superintendent',
  conductAuthorised: 'Obtain subscriber data for i1.',
  independenceDeclaration: true,
};
/** When an oral grant recorded by a SPOC was given (before NOW; the facts here record no submission time). */
const ORALLY_AT = '2026-03-10T09:45:00+00:00';
const ORAL_DUE = new Date('2026-03-11T10:00:00.000Z');
const done = { disclosuresTerminalAndChecked: true, finalProductIssued: true, dataReceivedBeforeEnd: true };
const oralFacts = { grantedById: dso.id, oralGrant: true, writtenRecordDueAt: ORAL_DUE };

/** A valid event (every rule passes) for each transition the state defines. */
function validEvents(state: ApplicationState): ApplicationMachineEvent[] {
  const ipc = (over: Partial<ApplicationFacts> = {}) => facts(state, 'ipc60A', over);
  const ev = (input: GuardInput) => machineEvent(input);
  switch (state) {
    case 'draft': {
      const urgent = facts(state, 'dso61A', {
        spocId: null,
        spocSection: null,
        form: form('dso61A', { exceptionalCircumstances: 'No SPOC on duty; threat to life.' }),
      });
      return [
        ev(guardInput(ipc(), applicant, { type: 'SUBMIT_TO_SPOC' })),
        ev(guardInput(urgent, applicant, { type: 'SUBMIT_URGENT_WITHOUT_SPOC' })),
        ev(guardInput(ipc(), applicant, { type: 'WITHDRAW', reason: 'No longer needed.' })),
      ];
    }
    case 'spocReview':
      return [
        ev(guardInput(ipc(), spoc, { type: 'RETURN_TO_APPLICANT', reason: 'Period too long.' })),
        ev(guardInput(ipc(), spoc, { type: 'DECLINE', reason: 'Not necessary.' })),
        ev(guardInput(ipc({ spocSection: null }), spoc, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: { spocAdvice: 'Lawful; secure system.' } })),
      ];
    case 'returnedToApplicant':
      return [
        ev(guardInput(ipc(), applicant, { type: 'RESUBMIT' })),
        ev(guardInput(ipc(), applicant, { type: 'WITHDRAW', reason: 'Suspect charged.' })),
      ];
    case 'awaitingAuthorisation': {
      const journalistic = ipc({ form: form('ipc60A', { journalisticSourceSought: true }) });
      return [
        ev(guardInput(ipc(), ocda, { type: 'REQUEST_MORE_INFO', question: 'Why nine days?' })),
        ev(guardInput(ipc(), ocda, { type: 'GRANT', decision: GRANT_DECISION })),
        ev(guardInput(journalistic, ocda, { type: 'GRANT', decision: GRANT_DECISION })),
        ev(guardInput(ipc(), ocda, { type: 'REFUSE', reason: 'Not proportionate.' })),
      ];
    }
    case 'awaitingJudicialApproval':
    case 'authorised':
    case 'productIssued':
    case 'cancelled':
    case 'expired':
    case 'quashed': {
      const events: ApplicationMachineEvent[] = [
        ev(guardInput(facts(state, 'dso61A', oralFacts), dso, { type: 'RECORD_WRITTEN', writtenRecord: 'Considerations…' })),
      ];
      const expiring = ipc({ expiresAt: new Date(NOW.getTime() - 1) });
      if (state === 'awaitingJudicialApproval') {
        events.push(
          ev(guardInput(ipc(), jc, { type: 'JC_APPROVE', judicialApproval: { judgeName: 'Sir J' } })),
          ev(guardInput(ipc(), jc, { type: 'JC_REFUSE', reason: 'Public interest in the source outweighs.' })),
          ev(guardInput(expiring, scheduler, { type: 'EXPIRE' })),
        );
      }
      if (state === 'authorised') {
        events.push(
          ev(guardInput(ipc({ disclosureFacts: done }), spoc, { type: 'ISSUE_PRODUCT' })),
          ev(guardInput(ipc(), applicant, { type: 'CANCEL', reason: 'Suspect arrested.' })),
          ev(guardInput(facts(state, 'dso61', { grantedById: dso.id }), applicant, { type: 'REQUEST_CANCELLATION', reason: 'Suspect arrested.' })),
          ev(guardInput(expiring, scheduler, { type: 'EXPIRE' })),
        );
      }
      if (state === 'cancelled' || state === 'expired') {
        events.push(ev(guardInput(ipc({ disclosureFacts: done }), spoc, { type: 'ISSUE_PRODUCT' })));
      }
      if (state === 'cancelled' || state === 'expired' || state === 'productIssued') {
        events.push(ev(guardInput(ipc(), sro, { type: 'CLOSE', reason: 'Complete.' })));
      }
      if (state === 'productIssued') {
        events.push(ev(guardInput(ipc(), applicant, { type: 'RECORD_OUTCOME', outcome: 'Suspect identified.' })));
      }
      return events;
    }
    case 'refused':
    case 'declinedBySpoc':
    case 'withdrawn':
    case 'closed':
      return [];
    // A record made under RIPA 2000 s.22, entered only by import: no event is valid in it (see below).
    case 'ripaRecord':
      return [];
  }
}

/** docs/architecture.md §7.1, transcribed independently of the machine: [from, event, to]. */
const CONTRACT: ReadonlyArray<readonly [ApplicationState, ApplicationEventType, ApplicationState]> = [
  ['draft', 'SUBMIT_TO_SPOC', 'spocReview'],
  ['draft', 'SUBMIT_URGENT_WITHOUT_SPOC', 'awaitingAuthorisation'],
  ['draft', 'WITHDRAW', 'withdrawn'],
  ['returnedToApplicant', 'WITHDRAW', 'withdrawn'],
  ['spocReview', 'RETURN_TO_APPLICANT', 'returnedToApplicant'],
  ['returnedToApplicant', 'RESUBMIT', 'spocReview'],
  ['spocReview', 'DECLINE', 'declinedBySpoc'],
  ['spocReview', 'SUBMIT_FOR_AUTHORISATION', 'awaitingAuthorisation'],
  ['awaitingAuthorisation', 'REQUEST_MORE_INFO', 'spocReview'],
  ['awaitingAuthorisation', 'GRANT', 'authorised'],
  ['awaitingAuthorisation', 'GRANT', 'awaitingJudicialApproval'],
  ['awaitingAuthorisation', 'REFUSE', 'refused'],
  ['awaitingJudicialApproval', 'JC_APPROVE', 'authorised'],
  ['awaitingJudicialApproval', 'JC_REFUSE', 'quashed'],
  ['awaitingJudicialApproval', 'RECORD_WRITTEN', 'awaitingJudicialApproval'],
  ['authorised', 'RECORD_WRITTEN', 'authorised'],
  ['productIssued', 'RECORD_WRITTEN', 'productIssued'],
  ['cancelled', 'RECORD_WRITTEN', 'cancelled'],
  ['expired', 'RECORD_WRITTEN', 'expired'],
  ['quashed', 'RECORD_WRITTEN', 'quashed'],
  ['authorised', 'ISSUE_PRODUCT', 'productIssued'],
  ['authorised', 'CANCEL', 'cancelled'],
  ['authorised', 'REQUEST_CANCELLATION', 'authorised'],
  ['authorised', 'EXPIRE', 'expired'],
  ['awaitingJudicialApproval', 'EXPIRE', 'expired'],
  ['cancelled', 'ISSUE_PRODUCT', 'productIssued'],
  ['expired', 'ISSUE_PRODUCT', 'productIssued'],
  ['cancelled', 'CLOSE', 'closed'],
  ['expired', 'CLOSE', 'closed'],
  ['productIssued', 'CLOSE', 'closed'],
  ['productIssued', 'RECORD_OUTCOME', 'closed'],
];

const key = (from: string, type: string, to: string) => `${from} --${type}--> ${to}`;

function apply(state: ApplicationState, input: GuardInput) {
  return applicationEngine.apply(state, input.event, input);
}

function grantInput(route: Route, actor: ActorFacts, over: Partial<ApplicationForm> = {}, decision = {}, decider: ActorFacts | null = null) {
  const application = facts('awaitingAuthorisation', route, { form: form(route, over) });
  return guardInput(application, actor, { type: 'GRANT', decision: { ...GRANT_DECISION, ...decision } }, decider);
}

function expectRule(result: ReturnType<typeof apply>, code: ApplicationRuleCode) {
  expect(result).toEqual(expect.objectContaining({ ok: false, kind: 'ruleFailed', failure: expect.objectContaining({ code }) }));
}

// ---------------------------------------------------------------------------------------------
// Engine
// ---------------------------------------------------------------------------------------------

describe('applicationMachine shape', () => {
  it('has exactly the flat states of docs/architecture.md §7.1 and no timers or invocations', () => {
    expect(Object.keys(applicationMachine.root.states).sort()).toEqual([...APPLICATION_STATES].sort());
    const config = JSON.stringify(applicationMachine.config);
    expect(config).not.toMatch(/"after"|"invoke"/);
    expect(APPLICATION_MACHINE_VERSION).toBe('5');
  });

  it('defines events per state as the contract says', () => {
    for (const state of APPLICATION_STATES) {
      const expected = [...new Set(CONTRACT.filter(([from]) => from === state).map(([, type]) => type))];
      expect([state, [...applicationEngine.definedEvents(state)].sort()]).toEqual([state, expected.sort()]);
    }
  });

  it('has a rule row for every event type', () => {
    expect(Object.keys(APPLICATION_EVENT_RULES).sort()).toEqual([...APPLICATION_EVENT_TYPES].sort());
  });
});

describe('applyApplicationEvent: invalid transitions and roles', () => {
  it('lists the events the caller may send here, and those a rule blocks, when the event is not defined in the state', () => {
    const input = guardInput(facts('draft', 'ipc60A'), applicant, { type: 'RESUBMIT' });
    expect(apply('draft', input)).toEqual({
      ok: false,
      kind: 'invalidTransition',
      noun: 'application',
      state: 'draft',
      eventType: 'RESUBMIT',
      allowedEvents: ['SUBMIT_TO_SPOC', 'WITHDRAW'],
      blockedEvents: [{ event: 'SUBMIT_URGENT_WITHOUT_SPOC', code: 'ROUTE_NOT_URGENT', message: 'only the dso61A route may skip the SPOC' }],
    });
    const bySpoc = guardInput(facts('draft', 'ipc60A'), spoc, { type: 'GRANT' });
    expect(apply('draft', bySpoc)).toEqual(expect.objectContaining({ kind: 'invalidTransition', allowedEvents: [] }));
  });

  it('checks the role before the state (docs/architecture.md §4): an event the caller can never send is forbiddenRole anywhere', () => {
    const input = guardInput(facts('draft', 'ipc60A'), applicant, { type: 'GRANT', decision: GRANT_DECISION });
    expect(apply('draft', input)).toEqual({ ok: false, kind: 'forbiddenRole', noun: 'application', eventType: 'GRANT', allowedRoles: ['ocda', 'dso', 'spoc'] });
  });

  it('treats an unknown event type as an invalid transition', () => {
    const input = guardInput(facts('draft', 'ipc60A'), applicant, { type: 'TELEPORT' as ApplicationEventType });
    expect(apply('draft', input)).toEqual(expect.objectContaining({ kind: 'invalidTransition', eventType: 'TELEPORT' }));
  });

  it('answers forbiddenRole when none of the caller’s roles may send the event', () => {
    const input = guardInput(facts('spocReview', 'ipc60A'), applicant, { type: 'RETURN_TO_APPLICANT', reason: 'x' });
    expect(apply('spocReview', input)).toEqual({
      ok: false,
      kind: 'forbiddenRole',
      noun: 'application',
      eventType: 'RETURN_TO_APPLICANT',
      allowedRoles: ['spoc'],
    });
    const humanExpire = guardInput(facts('authorised', 'ipc60A', { expiresAt: NOW }), spoc, { type: 'EXPIRE' });
    expect(apply('authorised', humanExpire)).toEqual(expect.objectContaining({ kind: 'forbiddenRole' }));
  });

  it('allowedEventsFor intersects the state’s events with the roles', () => {
    expect(applicationEngine.allowedEvents('authorised', ['spoc'])).toEqual(['ISSUE_PRODUCT', 'CANCEL', 'REQUEST_CANCELLATION']);
    expect(applicationEngine.allowedEvents('authorised', ['applicant'])).toEqual(['CANCEL', 'REQUEST_CANCELLATION']);
    expect(applicationEngine.allowedEvents('authorised', ['dso'])).toEqual(['RECORD_WRITTEN', 'CANCEL', 'REQUEST_CANCELLATION']);
    expect(applicationEngine.allowedEvents('authorised', ['system'])).toEqual(['EXPIRE']);
    expect(applicationEngine.allowedEvents('closed', [...ROLES])).toEqual([]);
  });

  it('rebuilds from a persisted status and from a snapshot alike', () => {
    const input = validEvents('draft')[0].guardInput;
    const fromStatus = apply('draft', input);
    const fromSnapshot = applicationEngine.apply(applicationEngine.snapshotFor('draft'), input.event, input);
    expect(fromStatus.ok && fromStatus.nextState).toBe('spocReview');
    expect(fromSnapshot.ok && fromSnapshot.nextState).toBe('spocReview');
  });

  it('uses the snapshot’s state, not the caller’s status, for the guards', () => {
    const input = guardInput(facts('authorised', 'ipc60A', { disclosureFacts: { ...done, dataReceivedBeforeEnd: false } }), spoc, { type: 'ISSUE_PRODUCT' });
    expectRule(apply('cancelled', input), C.NO_DATA_RECEIVED_BEFORE_END);
  });
});

describe('applyApplicationEvent: guard order and independence', () => {
  const applicantDso = person(applicant.id, ['applicant', 'dso'], { rank: 'constable' });

  it.each<Route>(['dso61', 'dso61A', 'ipc60A'])(
    'an applicant who also holds the dso role granting their own %s application gets AUTHORISER_NOT_INDEPENDENT',
    (route) => {
      // Rank too low, no rationale and (on ipc60A) the wrong authoriser: independence still wins.
      const input = grantInput(route, applicantDso, {}, { rationale: '' });
      const result = apply('awaitingAuthorisation', input);
      expectRule(result, C.AUTHORISER_NOT_INDEPENDENT);
      expect(result.ok === false && result.kind === 'ruleFailed' && result.ruleKind).toBe('actor');
    },
  );

  it('the reviewing SPOC who is also a DSO may not grant', () => {
    const spocDso = person(spoc.id, ['spoc', 'dso'], { spocPin: 'P', rank: 'superintendent' });
    expectRule(apply('awaitingAuthorisation', grantInput('dso61', spocDso)), C.AUTHORISER_NOT_INDEPENDENT);
  });

  it('a team member may grant only with a recorded override, which is kept with the guard inputs', () => {
    expectRule(apply('awaitingAuthorisation', grantInput('dso61', teamMate)), C.AUTHORISER_NOT_INDEPENDENT);
    const override = 'Only DSO on duty; threat to life.';
    const result = apply('awaitingAuthorisation', grantInput('dso61', teamMate, {}, { exceptionalCircumstancesOverride: override }));
    expect(result.ok && result.nextState).toBe('authorised');
    expect(result.ok && result.guardInputsUsed.exceptionalCircumstancesOverride).toBe(override);
    expect(result.ok && result.guardInputsUsed.resolvedDecider).toEqual({ id: teamMate.id, recordedOnBehalf: false });
  });

  it('then checks route, rank, rationale in that order', () => {
    expectRule(apply('awaitingAuthorisation', grantInput('ipc60A', dso)), C.AUTHORISER_WRONG_ROUTE);
    expectRule(
      apply('awaitingAuthorisation', grantInput('dso61', inspectorDso, { dataItems: [callRecordsItem] }, { rationale: '' })),
      C.DSO_RANK_INSUFFICIENT,
    );
    expectRule(apply('awaitingAuthorisation', grantInput('dso61', dso, {}, { rationale: '' })), C.RATIONALE_REQUIRED);
  });

  it('an oral grant is only for dso61A, recorded by a SPOC for a named DSO', () => {
    expectRule(apply('awaitingAuthorisation', grantInput('dso61', dso, {}, { oral: true })), C.ORAL_GRANT_NOT_URGENT_ROUTE);
    const oral = grantInput('dso61A', spoc, {}, { oral: true, deciderId: dso.id, deciderName: 'Supt D', decidedAt: ORALLY_AT }, dso);
    const result = apply('awaitingAuthorisation', oral);
    expect(result.ok && result.nextState).toBe('authorised');
    expect(result.ok && result.guardInputsUsed.resolvedDecider).toEqual({ id: dso.id, recordedOnBehalf: true });
  });

  it('a decision recorded for someone else is dated between the last submission and now, checked before rank and the grant’s particulars', () => {
    const submitted = { lastSubmittedForAuthorisationAt: new Date('2026-03-10T09:00:00.000Z') };
    const oralGrant = (decision: Record<string, unknown>) => {
      const input = grantInput('dso61A', spoc, {}, { oral: true, deciderId: dso.id, ...decision }, dso);
      return { ...input, application: { ...input.application, ...submitted } };
    };
    const noParticulars = { officeRank: null, conductAuthorised: null };
    expectRule(apply('awaitingAuthorisation', oralGrant({ ...noParticulars, decidedAt: '2026-03-10T08:59:59+00:00' })), C.DECISION_BEFORE_SUBMISSION);
    expectRule(apply('awaitingAuthorisation', oralGrant({ ...noParticulars, decidedAt: '2026-03-10T10:00:01+00:00' })), C.DECISION_IN_FUTURE);
    expectRule(apply('awaitingAuthorisation', oralGrant({ ...noParticulars })), C.DECISION_TIME_REQUIRED);
    expectRule(apply('awaitingAuthorisation', oralGrant({ ...noParticulars, decidedAt: ORALLY_AT, rationale: '' })), C.RATIONALE_REQUIRED);
    expectRule(apply('awaitingAuthorisation', oralGrant({ ...noParticulars, decidedAt: ORALLY_AT })), C.AUTHORISATION_PARTICULARS_REQUIRED);
    expect(apply('awaitingAuthorisation', oralGrant({ decidedAt: ORALLY_AT })).ok).toBe(true);
  });

  it('a SPOC records OCDA’s decision only with OCDA’s reference, time and officer', () => {
    expectRule(apply('awaitingAuthorisation', grantInput('ipc60A', spoc)), C.OCDA_DECISION_DETAILS_REQUIRED);
    const full = { ocdaReference: 'OCDA-1', decidedAt: '2026-03-10T09:00:00+00:00', deciderName: 'A. Officer' };
    const result = apply('awaitingAuthorisation', grantInput('ipc60A', spoc, {}, full));
    expect(result.ok && result.nextState).toBe('authorised');
    const refuse = guardInput(facts('awaitingAuthorisation', 'ipc60A'), spoc, { type: 'REFUSE', reason: 'OCDA refused.', decision: full });
    expect(apply('awaitingAuthorisation', refuse)).toEqual(expect.objectContaining({ ok: true, nextState: 'refused' }));
  });
});

describe('applyApplicationEvent: journalistic sources (IPA s.77)', () => {
  const cases: Array<[Route, ActorFacts, Record<string, unknown>, ActorFacts | null]> = [
    ['ipc60A', ocda, {}, null],
    ['dso61', dso, {}, null],
    ['dso61A', spoc, { oral: true, deciderId: dso.id, decidedAt: ORALLY_AT }, dso],
  ];
  it.each(cases)('GRANT on %s goes to awaitingJudicialApproval unless the authoriser finds an imminent threat to life', (route, actor, decision, decider) => {
    const journalistic = apply('awaitingAuthorisation', grantInput(route, actor, { journalisticSourceSought: true }, decision, decider));
    expect(journalistic.ok && journalistic.nextState).toBe('awaitingJudicialApproval');
    expect(journalistic.ok && journalistic.guardInputsUsed.journalisticSourceBranch).toBe(true);
    // The applicant's tick is not the authoriser's finding (IPA s.77(1)(b), (1A)(b)).
    const ticked = apply(
      'awaitingAuthorisation',
      grantInput(route, actor, { journalisticSourceSought: true, imminentThreatToLife: true }, decision, decider),
    );
    expect(ticked.ok && ticked.nextState).toBe('awaitingJudicialApproval');
    const finding = { imminentThreatToLife: { reasons: 'A hostage is held; the source may know where.' } };
    const threat = apply(
      'awaitingAuthorisation',
      grantInput(route, actor, { journalisticSourceSought: true }, { ...decision, findings: finding }, decider),
    );
    expect(threat.ok && threat.nextState).toBe('authorised');
  });

  it('only a Judicial Commissioner approves', () => {
    const input = guardInput(facts('awaitingJudicialApproval', 'ipc60A'), { ...ocda, roles: ['jc'] }, { type: 'JC_APPROVE' });
    expectRule(apply('awaitingJudicialApproval', input), C.NOT_JUDICIAL_COMMISSIONER);
  });
});

describe('applyApplicationEvent: statutory rules at SUBMIT_FOR_AUTHORISATION and GRANT', () => {
  function submit(application: ApplicationFacts, actor: ActorFacts = spoc) {
    return apply('spocReview', guardInput(application, actor, { type: 'SUBMIT_FOR_AUTHORISATION' }));
  }
  const laFacts = (route: Route, over: Partial<ApplicationForm> = {}) =>
    facts('spocReview', route, { ...LA, applicantId: laApplicant.id, form: form(route, over) });

  it('local authorities go through NAFN, on ipc60A, for crime, without ICRs', () => {
    expect(submit(laFacts('ipc60A'), nafnSpoc)).toEqual(expect.objectContaining({ ok: true, nextState: 'awaitingAuthorisation' }));
    expectRule(submit(laFacts('ipc60A'), { ...spoc, ...LA }), C.SPOC_WRONG_AUTHORITY);
    expectRule(submit(laFacts('dso61'), nafnSpoc), C.SCH4_ROUTE_NOT_AVAILABLE);
    expectRule(submit(laFacts('ipc60A', { statutoryPurpose: 'publicSafety' }), nafnSpoc), C.SCH4_PURPOSE_NOT_SPECIFIED);
    expectRule(submit(laFacts('ipc60A', { dataItems: [icrItem] }), nafnSpoc), C.LOCAL_AUTHORITY_NO_ICR);
  });

  it('Schedule 4: a police dso61 application for the crime purpose is refused at submission and again at GRANT', () => {
    const crime = { statutoryPurpose: 'applicableCrime' as const, offences: [{ description: 'Robbery', isS263SeriousCrime: true }] };
    expectRule(submit(facts('spocReview', 'dso61', { form: form('dso61', crime) })), C.SCH4_PURPOSE_NOT_SPECIFIED);
    expectRule(apply('awaitingAuthorisation', grantInput('dso61', dso, crime)), C.SCH4_PURPOSE_NOT_SPECIFIED);
    expect(apply('awaitingAuthorisation', grantInput('dso61', dso)).ok).toBe(true);
  });

  it('Schedule 4: an authority type with no row may use no route, at submission, urgently or at GRANT', () => {
    const other = { authorityId: 'auth-other', authorityType: 'other' as const };
    const otherSpoc = { ...spoc, ...other };
    const otherDso = { ...dso, ...other };
    for (const route of ['ipc60A', 'dso61', 'dso61A'] as const) {
      expectRule(submit(facts('spocReview', route, other), otherSpoc), C.SCH4_AUTHORITY_NOT_LISTED);
    }
    const urgentDraft = facts('draft', 'dso61A', { ...other, spocSection: null, spocId: null, form: form('dso61A', { exceptionalCircumstances: 'x' }) });
    expectRule(apply('draft', guardInput(urgentDraft, { ...applicant, ...other }, { type: 'SUBMIT_URGENT_WITHOUT_SPOC' })), C.SCH4_AUTHORITY_NOT_LISTED);
    const grant = guardInput(facts('awaitingAuthorisation', 'dso61', other), otherDso, { type: 'GRANT', decision: GRANT_DECISION });
    expectRule(apply('awaitingAuthorisation', grant), C.SCH4_AUTHORITY_NOT_LISTED);
  });

  it('ICRs need a condition that fits the purpose', () => {
    const withIcr = (item: DataItem, over: Partial<ApplicationForm> = {}) =>
      facts('spocReview', 'ipc60A', { form: form('ipc60A', { dataItems: [item], ...over }) });
    expect(submit(withIcr(icrItem))).toEqual(expect.objectContaining({ ok: true }));
    expectRule(submit(withIcr({ ...icrItem, icrCondition: null })), C.ICR_CONDITION_REQUIRED);
    expectRule(submit(withIcr({ ...icrItem, icrCondition: 'B' })), C.ICR_CONDITION_NOT_MET);
    expectRule(
      submit(withIcr({ ...icrItem, icrCondition: 'C' }, { offences: [{ description: 'Criminal damage', maxSentenceAdultMonths: 3 }], dataItems: [{ ...icrItem }], statutoryPurpose: 'applicableCrime' })),
      C.SERIOUS_CRIME_THRESHOLD_NOT_MET,
    );
  });

  it('events data for the crime purpose needs the serious-crime threshold, re-checked at GRANT', () => {
    const minor = { offences: [{ description: 'Criminal damage', maxSentenceAdultMonths: 3 }], dataItems: [callRecordsItem] };
    expectRule(submit(facts('spocReview', 'ipc60A', { form: form('ipc60A', minor) })), C.SERIOUS_CRIME_THRESHOLD_NOT_MET);
    expectRule(apply('awaitingAuthorisation', grantInput('ipc60A', ocda, minor)), C.SERIOUS_CRIME_THRESHOLD_NOT_MET);
    const twelveMonths = { ...minor, offences: [{ description: 'Harassment', maxSentenceAdultMonths: 12 }] };
    expect(apply('awaitingAuthorisation', grantInput('ipc60A', ocda, twelveMonths)).ok).toBe(true);
  });

  it('SPOC advice is required before authorisation', () => {
    expectRule(submit(facts('spocReview', 'ipc60A', { spocSection: null })), C.SPOC_ADVICE_REQUIRED);
  });

  it('the urgent route without a SPOC needs dso61A, urgency and the s.76(2) reason', () => {
    const urgent = (route: Route, over: Partial<ApplicationForm> = {}) =>
      apply('draft', guardInput(facts('draft', route, { spocSection: null, spocId: null, form: form(route, over) }), applicant, { type: 'SUBMIT_URGENT_WITHOUT_SPOC' }));
    expectRule(urgent('dso61', { exceptionalCircumstances: 'x' }), C.ROUTE_NOT_URGENT);
    expectRule(urgent('dso61A'), C.EXCEPTIONAL_CIRCUMSTANCES_REQUIRED);
    expectRule(urgent('dso61A', { exceptionalCircumstances: 'x', priorityGrade: 'grade3' }), C.URGENCY_NOT_JUSTIFIED);
    expect(urgent('dso61A', { exceptionalCircumstances: 'x' })).toEqual(expect.objectContaining({ ok: true, nextState: 'awaitingAuthorisation' }));
  });
});

describe('applyApplicationEvent: after the grant', () => {
  it('RECORD_WRITTEN is an accepted self-transition for the granting DSO only', () => {
    const ok = apply('authorised', guardInput(facts('authorised', 'dso61A', oralFacts), dso, { type: 'RECORD_WRITTEN' }));
    expect(ok).toEqual(expect.objectContaining({ ok: true, previousState: 'authorised', nextState: 'authorised' }));
    expectRule(apply('authorised', guardInput(facts('authorised', 'dso61A', oralFacts), inspectorDso, { type: 'RECORD_WRITTEN' })), C.NOT_GRANTING_DSO);
    expectRule(apply('quashed', guardInput(facts('quashed', 'dso61A'), dso, { type: 'RECORD_WRITTEN' })), C.NO_WRITTEN_RECORD_OUTSTANDING);
  });

  it('CLOSE waits for the written record', () => {
    const input = guardInput(facts('expired', 'dso61A', oralFacts), spoc, { type: 'CLOSE', reason: 'Done.' });
    expectRule(apply('expired', input), C.WRITTEN_RECORD_OUTSTANDING);
  });

  it('EXPIRE only from the scheduler once now ≥ expiresAt', () => {
    const early = guardInput(facts('authorised', 'ipc60A', { expiresAt: new Date(NOW.getTime() + 1) }), scheduler, { type: 'EXPIRE' });
    expectRule(apply('authorised', early), C.NOT_YET_EXPIRED);
  });

  it('CANCEL needs a person s.65 names for the route and a reason', () => {
    expectRule(apply('authorised', guardInput(facts('authorised', 'ipc60A'), applicant, { type: 'CANCEL' })), C.REASON_REQUIRED);
    const dsoGrant = facts('authorised', 'dso61', { grantedById: dso.id });
    expectRule(apply('authorised', guardInput(dsoGrant, applicant, { type: 'CANCEL', reason: 'x' })), C.NOT_ENTITLED_TO_CANCEL);
    expectRule(apply('authorised', guardInput(dsoGrant, inspectorDso, { type: 'CANCEL', reason: 'x' })), C.GRANTER_UNAVAILABILITY_REQUIRED);
    const standIn = apply('authorised', guardInput(dsoGrant, inspectorDso, { type: 'CANCEL', reason: 'x', granterUnavailable: 'Retired.' }));
    expect(standIn).toEqual(expect.objectContaining({ ok: true, nextState: 'cancelled' }));
  });

  it('REQUEST_CANCELLATION keeps the state, needs a reason, and is refused to a person who may cancel', () => {
    const dsoGrant = facts('authorised', 'dso61', { grantedById: dso.id });
    const ok = apply('authorised', guardInput(dsoGrant, spoc, { type: 'REQUEST_CANCELLATION', reason: 'Suspect charged.' }));
    expect(ok).toEqual(expect.objectContaining({ ok: true, previousState: 'authorised', nextState: 'authorised' }));
    expectRule(apply('authorised', guardInput(dsoGrant, spoc, { type: 'REQUEST_CANCELLATION' })), C.REASON_REQUIRED);
    expectRule(apply('authorised', guardInput(dsoGrant, dso, { type: 'REQUEST_CANCELLATION', reason: 'x' })), C.MAY_CANCEL_DIRECTLY);
  });
});

describe('APPLICATION_RULE_KINDS', () => {
  it('says who-you-are rules are about the actor and form/law rules about the content', () => {
    for (const code of ['AUTHORISER_NOT_INDEPENDENT', 'NOT_APPLICANT_OF_RECORD', 'SPOC_IS_APPLICANT', 'NOT_GRANTING_DSO', 'NOT_JUDICIAL_COMMISSIONER', 'AUTHORISER_WRONG_ROUTE', 'SPOC_WRONG_AUTHORITY'] as const) {
      expect(APPLICATION_RULE_KINDS[code]).toBe('actor');
    }
    for (const code of ['FORM_INCOMPLETE', 'SERIOUS_CRIME_THRESHOLD_NOT_MET', 'ICR_CONDITION_NOT_MET', 'DSO_RANK_INSUFFICIENT', 'REASON_REQUIRED'] as const) {
      expect(APPLICATION_RULE_KINDS[code]).toBe('content');
    }
    expect(Object.keys(APPLICATION_RULE_KINDS).sort()).toEqual(Object.keys(C).sort());
  });
});

describe('guard inputs recorded for replay', () => {
  it('replaying the recorded inputs gives the same answer', () => {
    const input = grantInput('dso61A', spoc, { journalisticSourceSought: true }, { oral: true, deciderId: dso.id, decidedAt: ORALLY_AT }, dso);
    const first = apply('awaitingAuthorisation', input);
    if (!first.ok) throw new Error('expected a grant');
    const recorded = JSON.parse(JSON.stringify(first.guardInputsUsed)) as typeof first.guardInputsUsed;
    expect(recorded.guardsRun[0]).toBe('AUTHORISER_INDEPENDENT');
    expect(recorded.now).toBe(NOW.toISOString());
    const { event, input: replayInput, options } = applicationEngine.definition.fromRecord(recorded);
    const replay = applicationEngine.apply('awaitingAuthorisation', event, replayInput, options);
    expect(replay.ok && replay.nextState).toBe(first.nextState);
    expect(replay.ok && replay.guardInputsUsed).toEqual(first.guardInputsUsed);
  });
});

describe('the machine refuses on its own (defence in depth)', () => {
  it('ignores a GRANT whose guards fail when driven directly with transition()', () => {
    const snapshot = applicationEngine.snapshotFor('awaitingAuthorisation');
    const bad = grantInput('ipc60A', applicant);
    const [next] = transition(applicationMachine, snapshot, machineEvent(bad));
    expect(next.value).toBe('awaitingAuthorisation');
    expect(snapshot.can(machineEvent(bad))).toBe(false);
  });

  it('refuses a guard input whose event type disagrees with the machine event', () => {
    const valid = validEvents('draft')[0].guardInput;
    const snapshot = applicationEngine.snapshotFor('draft');
    expect(snapshot.can({ type: 'WITHDRAW', guardInput: valid })).toBe(false);
  });

  it('property: the machine accepts exactly what the engine accepts', () => {
    const candidates = APPLICATION_STATES.flatMap((state) => validEvents(state).map((event) => ({ state, event })));
    fc.assert(
      fc.property(
        fc.constantFrom(...candidates),
        fc.subarray<EventSender>([...ROLES, 'system']),
        ({ state, event }, roles) => {
          const input: GuardInput = { ...event.guardInput, actor: { ...event.guardInput.actor, roles } };
          const result = applicationEngine.apply(state, input.event, input);
          const snapshot = applicationEngine.snapshotFor(state);
          const machineAccepts = snapshot.can({ type: event.type, guardInput: { ...input, application: { ...input.application, status: state } } });
          expect(result.ok).toBe(machineAccepts);
          if (!result.ok) expect(['forbiddenRole', 'ruleFailed']).toContain(result.kind);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('ripaRecord: a record made under RIPA 2000 s.22, entered only by import', () => {
  it('is the one state entered only by import: no transition leads to it or leaves it', () => {
    expect(IMPORTED_ONLY_STATES).toEqual(['ripaRecord']);
    expect(APPLICATION_TRANSITIONS.filter(([from, , to]) => from === 'ripaRecord' || to === 'ripaRecord')).toEqual([]);
    expect(applicationEngine.definedEvents('ripaRecord')).toEqual([]);
    expect(CONTRACT.filter(([from, , to]) => from === 'ripaRecord' || to === 'ripaRecord')).toEqual([]);
  });

  it('refuses every event as not defined there, even from a sender holding every role, and the machine agrees', () => {
    const everyRole = person('u-every-role', [...ROLES, 'system']);
    const record = facts('ripaRecord', 'ipc60A', { route: null, form: {}, spocSection: null });
    for (const type of APPLICATION_EVENT_TYPES) {
      const input = guardInput(record, everyRole, { type, reason: 'Try it.' });
      expect([type, apply('ripaRecord', input)]).toEqual([
        type,
        expect.objectContaining({ ok: false, kind: 'invalidTransition', state: 'ripaRecord', allowedEvents: [], blockedEvents: [] }),
      ]);
      expect([type, applicationEngine.snapshotFor('ripaRecord').can(machineEvent(input))]).toEqual([type, false]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Model-based: the production machine as the model, the engine (from persisted status) as the SUT
// ---------------------------------------------------------------------------------------------

describe('model-based test over the production machine (xstate/graph)', () => {
  const events = (snapshot: ApplicationSnapshot) => validEvents(snapshot.value);
  const model = createTestModel(applicationMachine, { events });

  it('every state is reachable and every shortest path replays through the engine', async () => {
    const paths = model.getShortestPaths({ allowDuplicatePaths: true });
    const maximal = model.getShortestPaths();
    console.log(
      `model-based: ${paths.length} shortest paths, one per transition + initial (${maximal.length} not contained in another), over ${APPLICATION_STATES.length} states`,
    );
    // TestModel serialises state + incoming transition, but a self-transition as the bare state: one
    // shortest path per §7.1 transition that changes state, one per state with self-transitions (RECORD_WRITTEN,
    // REQUEST_CANCELLATION), plus draft.
    const selfLoopStates = new Set(CONTRACT.filter(([from, , to]) => from === to).map(([from]) => from));
    expect(paths).toHaveLength(CONTRACT.filter(([from, , to]) => from !== to).length + selfLoopStates.size + 1);
    const reached = new Set(paths.map((path) => path.state.value as string));
    // Every state but those entered only by import (a record made under RIPA 2000 s.22, `ripaRecord`): no
    // event leads there, so no path from draft can; the describe below shows that no transition touches it.
    expect([...reached].sort()).toEqual(APPLICATION_STATES.filter((state) => !IMPORTED_ONLY_STATES.includes(state)).sort());

    for (const path of paths) {
      let status: ApplicationState = 'draft';
      await path.test({
        states: Object.fromEntries(
          APPLICATION_STATES.map((state) => [state, (snapshot: ApplicationSnapshot) => expect(status).toBe(snapshot.value)]),
        ),
        events: Object.fromEntries(
          APPLICATION_EVENT_TYPES.map((type) => [
            type,
            (step: { event: { type: string } }) => {
              const event = step.event as ApplicationMachineEvent;
              const result = applicationEngine.apply(status, event.guardInput.event, event.guardInput);
              if (!result.ok) throw new Error(`${type} from ${status} failed: ${JSON.stringify(result)}`);
              status = result.nextState;
            },
          ]),
        ),
      });
    }
  });

  it('the machine’s transitions are exactly the §7.1 table, each reachable from draft via the engine', () => {
    const adjacency: AdjacencyMap<ApplicationSnapshot, ApplicationMachineEvent> = getAdjacencyMap(applicationMachine, { events });
    const edges = new Set<string>();
    for (const vertex of Object.values(adjacency)) {
      // `transitions` is keyed by a branded string, which Object.values cannot see through.
      const transitions = Object.values<{ event: ApplicationMachineEvent; state: ApplicationSnapshot }>(vertex.transitions);
      for (const { event, state } of transitions) {
        edges.add(key(vertex.state.value, event.type, state.value));
      }
    }
    const contract = new Set(CONTRACT.map(([from, type, to]) => key(from, type, to)));
    expect([...edges].sort()).toEqual([...contract].sort());

    const toState = new Map(
      getShortestPaths(applicationMachine, { events }).map((path) => [path.state.value as string, path.steps]),
    );
    let replayed = 0;
    for (const [from, type, to] of CONTRACT) {
      const steps = toState.get(from);
      if (!steps) throw new Error(`no path to ${from}`);
      let status: ApplicationState = 'draft';
      for (const step of steps.slice(1)) {
        const result = applicationEngine.apply(status, step.event.guardInput.event, step.event.guardInput);
        if (!result.ok) throw new Error(`path to ${from} failed at ${step.event.type}`);
        status = result.nextState;
      }
      expect(status).toBe(from);
      const candidates = validEvents(from).filter((event) => event.type === type);
      const outcomes = candidates.map((event) => {
        const result = applicationEngine.apply(status, event.guardInput.event, event.guardInput);
        return result.ok ? result.nextState : null;
      });
      expect([key(from, type, to), outcomes]).toEqual([key(from, type, to), expect.arrayContaining([to])]);
      replayed += 1;
    }
    console.log(`model-based: ${edges.size} machine transitions, ${replayed} §7.1 transitions replayed through the engine`);
  });
});
