import fc from 'fast-check';
import {
  APPLICATION_RULE_CODES as C,
  DEFAULT_WORKFLOW_POLICY,
  accreditedSpocNotApplicant,
  applicantOfRecord,
  authoriserIndependent,
  authoriserMatchesRoute,
  cancellerEntitled,
  closerEntitled,
  dataWithinValidity,
  grantInstant,
  grantStillValid,
  grantValidity,
  notExpired,
  renewalGrantedInTime,
  dsoRankSufficient,
  exceptionalCircumstancesRecorded,
  expiryReached,
  formComplete,
  icrConditions,
  journalisticSourceNeedsJudicialApproval,
  judicialCommissioner,
  localAuthorityRestrictions,
  noWrittenRecordOutstanding,
  offenceMeetsSeriousCrimeTest,
  oralOnlyOnUrgentRoute,
  outcomeRecorded,
  productPrerequisites,
  purposeIsStatutory,
  rationaleGiven,
  reasonGiven,
  resolveDecider,
  seriousCrimeThreshold,
  spocAdviceRecorded,
  spocConsulted,
  spocServesAuthority,
  urgencyPolicy,
  urgentRouteOnly,
  writtenRecordByGrantingDso,
  type ActorFacts,
  type ApplicationFacts,
  type GuardInput,
} from './application.guards';
import type {
  ApplicationEvent,
  ApplicationForm,
  AuthorisationDecision,
  DataItem,
  Offence,
} from './application.types';

// ---------------------------------------------------------------------------------------------
// Fixtures (fixed dates; no clock)
// ---------------------------------------------------------------------------------------------

const NOW = new Date('2026-03-10T10:00:00.000Z');
const POLICE = 'auth-police-1';

function person(id: string, roles: ActorFacts['roles'], over: Partial<ActorFacts> = {}): ActorFacts {
  return {
    id,
    roles,
    authorityId: POLICE,
    authorityType: 'police',
    rank: null,
    spocPin: null,
    ...over,
  };
}

const applicant = person('u-applicant', ['applicant'], { rank: 'constable' });
const teamMate = person('u-team', ['dso'], { rank: 'superintendent' });
const spoc = person('u-spoc', ['spoc'], { spocPin: 'SPOC-0001' });
const dso = person('u-dso', ['dso'], { rank: 'superintendent' });
const inspectorDso = person('u-dso-insp', ['dso'], { rank: 'inspector' });
const ocda = person('u-ocda', ['ocda'], { authorityId: 'auth-ocda', authorityType: 'ocda' });
const jc = person('u-jc', ['jc'], { authorityId: 'auth-jco', authorityType: 'judicialOffice' });
const sro = person('u-sro', ['sro']);
const nafnSpoc = person('u-nafn', ['spoc'], {
  authorityId: 'auth-nafn',
  authorityType: 'nafn',
  spocPin: 'NAFN-9',
});

const subscriberItem: DataItem = {
  ref: 'd1',
  identifierRef: 'i1',
  category: 'entity',
  subtype: 'subscriber',
  periodKind: 'historic',
  periodStart: '2026-03-01T00:00:00+00:00',
  periodEnd: '2026-03-09T23:59:59+00:00',
  csp: 'ExampleTel',
  icrCondition: null,
};
const callRecordsItem: DataItem = { ...subscriberItem, ref: 'd2', category: 'events', subtype: 'callDataRecords' };
const icrItem: DataItem = { ...subscriberItem, ref: 'd3', category: 'events', subtype: 'internetConnectionRecord', icrCondition: 'A' };

const robbery: Offence = { description: 'Robbery', statute: 'Theft Act 1968 s.8', isS263SeriousCrime: true };
const minorOffence: Offence = { description: 'Minor damage', maxSentenceAdultMonths: 3 };

function form(over: Partial<ApplicationForm> = {}): ApplicationForm {
  return {
    applicantDetails: { name: 'DC Jane Doe', officeRankPosition: 'Detective Constable' },
    operationName: 'Op Lantern',
    investigationRef: 'CRIME/2026/0042',
    route: 'ipc60A',
    priorityGrade: 'routine',
    statutoryPurpose: 'applicableCrime',
    offences: [robbery],
    seriousCrimeBasis: 's263SeriousCrime',
    investigationSummary: 'Street robbery on 1 March; victim phone used afterwards.',
    subjects: [{ role: 'suspect', name: 'Subject A' }],
    sensitiveProfession: null,
    journalisticSourceSought: false,
    imminentThreatToLife: false,
    identifiers: [
      { ref: 'i1', type: 'msisdn', value: '020 7946 0123', normalisedValue: '+442079460123', source: 'victim statement' },
    ],
    dataItems: [subscriberItem],
    necessity: 'Links the stolen phone to the suspect.',
    proportionality: 'Nine days only; no less intrusive means.',
    collateralIntrusion: 'Minimal; one number.',
    unintendedConsequences: 'None foreseen.',
    howDataWillBeUsed: 'To identify the user of the phone.',
    ...over,
  };
}

function application(over: Partial<ApplicationFacts> = {}): ApplicationFacts {
  return {
    id: 'app-1',
    authorityId: POLICE,
    authorityType: 'police',
    applicantId: applicant.id,
    teamMemberIds: [teamMate.id],
    spocId: spoc.id,
    route: null,
    status: 'awaitingAuthorisation',
    form: form(),
    spocSection: { spocAdvice: 'Subscriber check via secure system.', acquisitionMethod: 'cspSecureSystem' },
    grantedById: null,
    oralGrant: false,
    writtenRecordDueAt: null,
    expiresAt: null,
    disclosureFacts: null,
    ...over,
  };
}

function input(
  over: {
    application?: Partial<ApplicationFacts>;
    form?: Partial<ApplicationForm>;
    actor?: ActorFacts;
    decider?: ActorFacts | null;
    event?: Partial<ApplicationEvent>;
    decision?: AuthorisationDecision;
    now?: Date;
  } = {},
): GuardInput {
  const base = application(over.application);
  return {
    application: { ...base, form: { ...base.form, ...over.form } },
    actor: over.actor ?? applicant,
    decider: over.decider ?? null,
    event: { type: 'GRANT', decision: over.decision ?? { rationale: 'Necessary and proportionate.' }, ...over.event },
    policy: DEFAULT_WORKFLOW_POLICY,
    now: over.now ?? NOW,
  };
}

const ocdaRecord: AuthorisationDecision = {
  rationale: 'Granted by OCDA.',
  ocdaReference: 'OCDA-2026-123',
  deciderName: 'A. Officer',
  decidedAt: '2026-03-10T09:30:00+00:00',
};

// ---------------------------------------------------------------------------------------------

describe('resolveDecider', () => {
  it('is the sender when they hold the route authoriser role', () => {
    expect(resolveDecider(input({ actor: ocda }))).toEqual({ id: ocda.id, facts: ocda, recordedOnBehalf: false });
  });
  it('is an unknown OCDA officer when a SPOC records OCDA’s decision', () => {
    expect(resolveDecider(input({ actor: spoc, decision: ocdaRecord }))).toEqual({
      id: null,
      facts: null,
      recordedOnBehalf: true,
    });
  });
  it('is the named DSO when a SPOC records an oral grant for them', () => {
    const result = resolveDecider(
      input({ actor: spoc, decider: dso, decision: { deciderId: dso.id, oral: true } }),
    );
    expect(result).toEqual({ id: dso.id, facts: dso, recordedOnBehalf: true });
  });
  it('keeps the named id but no facts when the supplied decider is someone else', () => {
    const result = resolveDecider(input({ actor: spoc, decider: inspectorDso, decision: { deciderId: dso.id } }));
    expect(result).toEqual({ id: dso.id, facts: null, recordedOnBehalf: true });
  });
  it('is the sender when the sender holds no SPOC role (they try to decide themselves)', () => {
    const both = person(applicant.id, ['applicant', 'dso'], { rank: 'superintendent' });
    expect(resolveDecider(input({ actor: both })).id).toBe(applicant.id);
  });
});

describe('offenceMeetsSeriousCrimeTest', () => {
  it.each<[string, Offence]>([
    ['s.263 serious crime', { description: 'x', isS263SeriousCrime: true }],
    ['12 months', { description: 'x', maxSentenceAdultMonths: 12 }],
    ['non-individual', { description: 'x', isByNonIndividual: true }],
    ['sending a communication', { description: 'x', involvesSendingCommunication: true }],
    ['breach of privacy', { description: 'x', involvesPrivacyBreach: true }],
  ])('passes for %s', (_label, offence) => {
    expect(offenceMeetsSeriousCrimeTest(offence)).toBe(true);
  });
  it('fails below 12 months with no other limb', () => {
    expect(offenceMeetsSeriousCrimeTest({ description: 'x', maxSentenceAdultMonths: 11 })).toBe(false);
    expect(offenceMeetsSeriousCrimeTest({ description: 'x', maxSentenceAdultMonths: null })).toBe(false);
  });
  it('property: true exactly when some limb holds', () => {
    fc.assert(
      fc.property(
        fc.record({
          isS263SeriousCrime: fc.boolean(),
          maxSentenceAdultMonths: fc.option(fc.integer({ min: 0, max: 1200 }), { nil: null }),
          isByNonIndividual: fc.boolean(),
          involvesSendingCommunication: fc.boolean(),
          involvesPrivacyBreach: fc.boolean(),
        }),
        (limbs) => {
          const expected =
            limbs.isS263SeriousCrime ||
            (limbs.maxSentenceAdultMonths ?? 0) >= 12 ||
            limbs.isByNonIndividual ||
            limbs.involvesSendingCommunication ||
            limbs.involvesPrivacyBreach;
          expect(offenceMeetsSeriousCrimeTest({ description: 'x', ...limbs })).toBe(expected);
        },
      ),
    );
  });
});

describe('journalisticSourceNeedsJudicialApproval', () => {
  it('is true for a journalistic source without an imminent threat to life', () => {
    expect(journalisticSourceNeedsJudicialApproval(input({ form: { journalisticSourceSought: true } }))).toBe(true);
  });
  it('is false with an imminent threat to life, or without a journalistic source', () => {
    expect(
      journalisticSourceNeedsJudicialApproval(
        input({ form: { journalisticSourceSought: true, imminentThreatToLife: true } }),
      ),
    ).toBe(false);
    expect(journalisticSourceNeedsJudicialApproval(input())).toBe(false);
  });
});

describe('formComplete', () => {
  it('passes a complete form', () => {
    expect(formComplete(input())).toBeNull();
  });
  it('lists every missing field', () => {
    const failure = formComplete(input({ form: { necessity: '  ', dataItems: [], journalisticSourceSought: null } }));
    expect(failure?.code).toBe(C.FORM_INCOMPLETE);
    expect(failure?.fields).toEqual(['journalisticSourceSought', 'dataItems', 'necessity']);
  });
  it('treats an empty draft as incomplete, listing all required fields', () => {
    const failure = formComplete({ ...input(), application: application({ form: {} }) });
    expect(failure?.code).toBe(C.FORM_INCOMPLETE);
    expect(failure?.fields).toContain('route');
    expect(failure?.fields).toContain('dataItems');
  });
  it('accepts the route from the application row', () => {
    expect(formComplete(input({ application: { route: 'dso61' }, form: { route: null } }))).toBeNull();
  });
  it('needs offences for the crime purpose only', () => {
    expect(formComplete(input({ form: { offences: [] } }))?.fields).toEqual(['offences']);
    expect(formComplete(input({ form: { offences: [], statutoryPurpose: 'publicSafety' } }))).toBeNull();
  });
  it('needs the applicant’s name and office', () => {
    expect(formComplete(input({ form: { applicantDetails: { name: 'X' } } }))?.fields).toEqual([
      'applicantDetails.officeRankPosition',
    ]);
  });
  it('rejects a period without an explicit offset, a reversed period and a dangling identifier', () => {
    const failure = formComplete(
      input({
        form: {
          dataItems: [
            { ...subscriberItem, periodStart: '2026-03-01T00:00:00' },
            { ...subscriberItem, ref: 'd9', periodStart: '2026-03-09T00:00:00Z', periodEnd: '2026-03-01T00:00:00Z' },
            { ...subscriberItem, ref: 'd10', identifierRef: 'nope', subtype: 'cellSite' },
          ],
        },
      }),
    );
    expect(failure?.code).toBe(C.FORM_INVALID);
    expect(failure?.fields).toEqual([
      'dataItems[0].periodStart',
      'dataItems[1].periodEnd',
      'dataItems[2].identifierRef',
      'dataItems[2].subtype',
    ]);
  });
});

describe('purposeIsStatutory', () => {
  it('passes a listed purpose', () => {
    expect(purposeIsStatutory(input())).toBeNull();
  });
  it('fails an unknown or missing purpose', () => {
    const unknownPurpose = { statutoryPurpose: 'curiosity' } as unknown as Partial<ApplicationForm>;
    expect(purposeIsStatutory(input({ form: unknownPurpose }))?.code).toBe(C.PURPOSE_NOT_STATUTORY);
    expect(purposeIsStatutory(input({ form: { statutoryPurpose: null } }))?.code).toBe(C.PURPOSE_NOT_STATUTORY);
  });
});

describe('applicantOfRecord', () => {
  it('passes the applicant of record', () => {
    expect(applicantOfRecord(input({ actor: applicant }))).toBeNull();
  });
  it('fails another applicant', () => {
    const other = person('u-other', ['applicant']);
    expect(applicantOfRecord(input({ actor: other }))?.code).toBe(C.NOT_APPLICANT_OF_RECORD);
  });
});

describe('accreditedSpocNotApplicant', () => {
  it('passes an accredited SPOC', () => {
    expect(accreditedSpocNotApplicant(input({ actor: spoc }))).toBeNull();
  });
  it('fails a SPOC without a PIN, and a non-SPOC', () => {
    expect(accreditedSpocNotApplicant(input({ actor: { ...spoc, spocPin: null } }))?.code).toBe(C.SPOC_NOT_ACCREDITED);
    expect(accreditedSpocNotApplicant(input({ actor: dso }))?.code).toBe(C.SPOC_NOT_ACCREDITED);
  });
  it('fails a SPOC who is the applicant', () => {
    const spocApplicant = { ...spoc, id: applicant.id };
    expect(accreditedSpocNotApplicant(input({ actor: spocApplicant }))?.code).toBe(C.SPOC_IS_APPLICANT);
  });
});

describe('spocServesAuthority', () => {
  it('passes a SPOC of the same authority', () => {
    expect(spocServesAuthority(input({ actor: spoc }))).toBeNull();
  });
  it('fails a SPOC of another police force', () => {
    expect(spocServesAuthority(input({ actor: { ...spoc, authorityId: 'auth-police-2' } }))?.code).toBe(
      C.SPOC_WRONG_AUTHORITY,
    );
  });
  it('passes NAFN for a local authority and refuses the local authority’s own SPOC by default', () => {
    const la = { authorityId: 'auth-la', authorityType: 'localAuthority' as const };
    expect(spocServesAuthority(input({ actor: nafnSpoc, application: la }))).toBeNull();
    const laSpoc = { ...spoc, authorityId: 'auth-la', authorityType: 'localAuthority' as const };
    expect(spocServesAuthority(input({ actor: laSpoc, application: la }))?.code).toBe(C.SPOC_WRONG_AUTHORITY);
    const relaxed = { ...input({ actor: laSpoc, application: la }), policy: { ...DEFAULT_WORKFLOW_POLICY, localAuthorityRequiresNafnSpoc: false } };
    expect(spocServesAuthority(relaxed)).toBeNull();
  });
  it('fails NAFN for a police application', () => {
    expect(spocServesAuthority(input({ actor: nafnSpoc }))?.code).toBe(C.SPOC_WRONG_AUTHORITY);
  });
});

describe('seriousCrimeThreshold', () => {
  it('passes entity data for a minor offence', () => {
    expect(seriousCrimeThreshold(input({ form: { offences: [minorOffence] } }))).toBeNull();
  });
  it('passes events data for a serious offence', () => {
    expect(seriousCrimeThreshold(input({ form: { dataItems: [callRecordsItem] } }))).toBeNull();
  });
  it('fails events data for a minor offence under the crime purpose', () => {
    const failure = seriousCrimeThreshold(input({ form: { offences: [minorOffence], dataItems: [callRecordsItem] } }));
    expect(failure?.code).toBe(C.SERIOUS_CRIME_THRESHOLD_NOT_MET);
  });
  it('does not apply to a non-crime purpose', () => {
    const f = { offences: [minorOffence], dataItems: [callRecordsItem], statutoryPurpose: 'preventDeathOrInjury' as const };
    expect(seriousCrimeThreshold(input({ form: f }))).toBeNull();
  });
});

describe('localAuthorityRestrictions', () => {
  const la = { authorityType: 'localAuthority' as const };
  it('passes a crime-purpose ipc60A application without ICRs', () => {
    expect(localAuthorityRestrictions(input({ application: la }))).toBeNull();
  });
  it('does not apply to the police', () => {
    expect(localAuthorityRestrictions(input({ form: { route: 'dso61' } }))).toBeNull();
  });
  it('fails a DSO route, a non-crime purpose, an ICR', () => {
    expect(localAuthorityRestrictions(input({ application: la, form: { route: 'dso61A' } }))?.code).toBe(
      C.LOCAL_AUTHORITY_ROUTE,
    );
    expect(
      localAuthorityRestrictions(input({ application: la, form: { statutoryPurpose: 'publicSafety' } }))?.code,
    ).toBe(C.LOCAL_AUTHORITY_PURPOSE);
    expect(localAuthorityRestrictions(input({ application: la, form: { dataItems: [icrItem] } }))?.code).toBe(
      C.LOCAL_AUTHORITY_NO_ICR,
    );
  });
});

describe('icrConditions', () => {
  const withIcr = (condition: DataItem['icrCondition'], over: Partial<ApplicationForm> = {}) =>
    input({ form: { dataItems: [subscriberItem, { ...icrItem, icrCondition: condition }], ...over } });
  it('passes condition A, B for a non-crime purpose, C with serious crime', () => {
    expect(icrConditions(withIcr('A'))).toBeNull();
    expect(icrConditions(withIcr('B', { statutoryPurpose: 'preventDeathOrInjury' }))).toBeNull();
    expect(icrConditions(withIcr('C'))).toBeNull();
  });
  it('passes when no ICR is sought', () => {
    expect(icrConditions(input())).toBeNull();
  });
  it('requires a condition', () => {
    const failure = icrConditions(withIcr(null));
    expect(failure).toEqual(expect.objectContaining({ code: C.ICR_CONDITION_REQUIRED, fields: ['dataItems[1].icrCondition'] }));
  });
  it('fails B for the crime purpose and C without serious crime', () => {
    expect(icrConditions(withIcr('B'))?.code).toBe(C.ICR_CONDITION_NOT_MET);
    expect(icrConditions(withIcr('C', { offences: [minorOffence] }))?.code).toBe(C.ICR_CONDITION_NOT_MET);
    expect(icrConditions(withIcr('C', { statutoryPurpose: 'publicSafety' }))?.code).toBe(C.ICR_CONDITION_NOT_MET);
  });
  it('fails any ICR for a local authority', () => {
    const failure = icrConditions({ ...withIcr('A'), application: { ...withIcr('A').application, authorityType: 'localAuthority' } });
    expect(failure?.code).toBe(C.LOCAL_AUTHORITY_NO_ICR);
  });
});

describe('urgencyPolicy', () => {
  const urgent = { route: 'dso61A' as const, priorityGrade: 'grade1' as const, urgencyJustification: 'Missing child.' };
  it('passes an urgent grade with a justification, and any non-urgent route', () => {
    expect(urgencyPolicy(input({ form: urgent }))).toBeNull();
    expect(urgencyPolicy(input({ form: { priorityGrade: 'routine' } }))).toBeNull();
  });
  it('fails a routine grade or a missing justification on dso61A', () => {
    const failure = urgencyPolicy(input({ form: { ...urgent, priorityGrade: 'grade3', urgencyJustification: '' } }));
    expect(failure?.code).toBe(C.URGENCY_NOT_JUSTIFIED);
    expect(failure?.fields).toEqual(['priorityGrade', 'urgencyJustification']);
  });
  it('follows the configured grades', () => {
    const strict = { ...input({ form: { ...urgent, priorityGrade: 'grade2' } }), policy: { ...DEFAULT_WORKFLOW_POLICY, urgentGrades: ['grade1' as const] } };
    expect(urgencyPolicy(strict)?.code).toBe(C.URGENCY_NOT_JUSTIFIED);
  });
});

describe('urgentRouteOnly', () => {
  it('passes dso61A', () => {
    expect(urgentRouteOnly(input({ form: { route: 'dso61A' } }))).toBeNull();
  });
  it('fails other routes', () => {
    expect(urgentRouteOnly(input({ form: { route: 'dso61' } }))?.code).toBe(C.ROUTE_NOT_URGENT);
    expect(urgentRouteOnly(input())?.code).toBe(C.ROUTE_NOT_URGENT);
  });
});

describe('exceptionalCircumstancesRecorded', () => {
  it('passes when recorded', () => {
    expect(exceptionalCircumstancesRecorded(input({ form: { exceptionalCircumstances: 'No SPOC on duty; threat to life.' } }))).toBeNull();
  });
  it('fails when absent', () => {
    expect(exceptionalCircumstancesRecorded(input())?.code).toBe(C.EXCEPTIONAL_CIRCUMSTANCES_REQUIRED);
  });
});

describe('spocAdviceRecorded', () => {
  it('passes with advice in the event or on the record', () => {
    expect(spocAdviceRecorded(input())).toBeNull();
    expect(
      spocAdviceRecorded(input({ application: { spocSection: null }, event: { type: 'SUBMIT_FOR_AUTHORISATION', spoc: { spocAdvice: 'Use notice.' } } })),
    ).toBeNull();
  });
  it('fails without advice', () => {
    expect(spocAdviceRecorded(input({ application: { spocSection: { spocAdvice: ' ' } } }))?.code).toBe(C.SPOC_ADVICE_REQUIRED);
  });
});

describe('spocConsulted', () => {
  it('passes with SPOC advice, or on dso61A with exceptional circumstances recorded', () => {
    expect(spocConsulted(input())).toBeNull();
    expect(
      spocConsulted(input({ application: { spocSection: null }, form: { route: 'dso61A', exceptionalCircumstances: 'No SPOC.' } })),
    ).toBeNull();
  });
  it('fails without advice on other routes', () => {
    expect(spocConsulted(input({ application: { spocSection: null }, form: { exceptionalCircumstances: 'x' } }))?.code).toBe(
      C.SPOC_ADVICE_REQUIRED,
    );
  });
});

describe('authoriserMatchesRoute', () => {
  it('refuses a recorded OCDA decision naming an unknown decider id, as it refuses a non-OCDA one', () => {
    const recorded = input({
      actor: spoc,
      application: { route: 'ipc60A', status: 'awaitingAuthorisation' },
      decision: { ...ocdaRecord, deciderId: 'u-nobody' },
      decider: null,
    });
    expect(authoriserMatchesRoute(recorded)?.code).toBe(C.AUTHORISER_WRONG_ROUTE);
  });

  it('passes an OCDA user on ipc60A and a DSO of the authority on dso61', () => {
    expect(authoriserMatchesRoute(input({ actor: ocda }))).toBeNull();
    expect(authoriserMatchesRoute(input({ actor: dso, form: { route: 'dso61' } }))).toBeNull();
  });
  it('fails a DSO on ipc60A, OCDA on dso61 and a DSO of another authority', () => {
    expect(authoriserMatchesRoute(input({ actor: dso }))?.code).toBe(C.AUTHORISER_WRONG_ROUTE);
    expect(authoriserMatchesRoute(input({ actor: ocda, form: { route: 'dso61' } }))?.code).toBe(C.AUTHORISER_WRONG_ROUTE);
    const foreignDso = { ...dso, authorityId: 'auth-police-2' };
    expect(authoriserMatchesRoute(input({ actor: foreignDso, form: { route: 'dso61' } }))?.code).toBe(C.AUTHORISER_WRONG_ROUTE);
  });
  it('passes a SPOC recording OCDA’s decision with all details', () => {
    expect(authoriserMatchesRoute(input({ actor: spoc, decision: ocdaRecord }))).toBeNull();
  });
  it('requires OCDA’s reference, decision time (not future) and officer’s name', () => {
    const failure = authoriserMatchesRoute(
      input({ actor: spoc, decision: { rationale: 'x', decidedAt: '2026-03-10T11:00:00+00:00' } }),
    );
    expect(failure?.code).toBe(C.OCDA_DECISION_DETAILS_REQUIRED);
    expect(failure?.fields).toEqual(['decision.ocdaReference', 'decision.deciderName', 'decision.decidedAt']);
  });
  it('refuses a recorder who is not an accredited SPOC of the authority', () => {
    expect(authoriserMatchesRoute(input({ actor: { ...spoc, spocPin: null }, decision: ocdaRecord }))?.code).toBe(
      C.SPOC_NOT_ACCREDITED,
    );
    expect(
      authoriserMatchesRoute(input({ actor: { ...spoc, authorityId: 'auth-police-2' }, decision: ocdaRecord }))?.code,
    ).toBe(C.SPOC_WRONG_AUTHORITY);
  });
  it('lets a SPOC record only an oral dso61A grant for a named DSO of the authority', () => {
    const oral = { rationale: 'x', deciderId: dso.id, oral: true };
    expect(authoriserMatchesRoute(input({ actor: spoc, decider: dso, decision: oral, form: { route: 'dso61A' } }))).toBeNull();
    expect(
      authoriserMatchesRoute(input({ actor: spoc, decider: dso, decision: { ...oral, oral: false }, form: { route: 'dso61A' } }))?.code,
    ).toBe(C.AUTHORISER_WRONG_ROUTE);
    expect(
      authoriserMatchesRoute(input({ actor: spoc, decider: null, decision: oral, form: { route: 'dso61A' } }))?.code,
    ).toBe(C.AUTHORISER_WRONG_ROUTE);
    expect(
      authoriserMatchesRoute(
        input({ actor: spoc, decider: dso, decision: oral, form: { route: 'dso61A' }, event: { type: 'REFUSE' } }),
      )?.code,
    ).toBe(C.AUTHORISER_WRONG_ROUTE);
  });
});

describe('authoriserIndependent', () => {
  it('passes an independent decider and an OCDA officer outside the system', () => {
    expect(authoriserIndependent(input({ actor: dso, form: { route: 'dso61' } }))).toBeNull();
    expect(authoriserIndependent(input({ actor: spoc, decision: ocdaRecord }))).toBeNull();
  });
  it('fails the applicant, even with an override', () => {
    const both = person(applicant.id, ['applicant', 'dso'], { rank: 'chiefConstable' });
    const decision = { rationale: 'x', exceptionalCircumstancesOverride: 'Only officer on duty.' };
    expect(authoriserIndependent(input({ actor: both, decision, form: { route: 'dso61' } }))?.code).toBe(
      C.AUTHORISER_NOT_INDEPENDENT,
    );
  });
  it('fails the reviewing SPOC and a team member unless an override is recorded', () => {
    const spocDso = person(spoc.id, ['spoc', 'dso'], { spocPin: 'P', rank: 'superintendent' });
    expect(authoriserIndependent(input({ actor: spocDso, form: { route: 'dso61' } }))?.code).toBe(C.AUTHORISER_NOT_INDEPENDENT);
    expect(authoriserIndependent(input({ actor: teamMate, form: { route: 'dso61' } }))?.code).toBe(C.AUTHORISER_NOT_INDEPENDENT);
    const override = { rationale: 'x', exceptionalCircumstancesOverride: 'Only DSO available; threat to life.' };
    expect(authoriserIndependent(input({ actor: teamMate, decision: override, form: { route: 'dso61' } }))).toBeNull();
  });
  it('checks the named decider, not the recorder', () => {
    const oral = { rationale: 'x', deciderId: teamMate.id, oral: true };
    expect(
      authoriserIndependent(input({ actor: spoc, decider: teamMate, decision: oral, form: { route: 'dso61A' } }))?.code,
    ).toBe(C.AUTHORISER_NOT_INDEPENDENT);
  });
  it('property: a decider who is the applicant is never independent', () => {
    fc.assert(
      fc.property(fc.option(fc.string(), { nil: null }), fc.constantFrom('ipc60A', 'dso61', 'dso61A'), (override, route) => {
        const self = person(applicant.id, ['applicant', 'dso', 'ocda'], { rank: 'chiefConstable' });
        const decision = { rationale: 'x', exceptionalCircumstancesOverride: override };
        expect(authoriserIndependent(input({ actor: self, decision, form: { route } }))?.code).toBe(
          C.AUTHORISER_NOT_INDEPENDENT,
        );
      }),
    );
  });
});

describe('dsoRankSufficient', () => {
  it('passes an inspector for entity data and a superintendent for events data', () => {
    expect(dsoRankSufficient(input({ actor: inspectorDso, form: { route: 'dso61' } }))).toBeNull();
    expect(dsoRankSufficient(input({ actor: dso, form: { route: 'dso61', dataItems: [callRecordsItem] } }))).toBeNull();
  });
  it('fails an inspector when any events data is sought, and an unknown rank', () => {
    const f = { route: 'dso61A' as const, dataItems: [subscriberItem, callRecordsItem] };
    expect(dsoRankSufficient(input({ actor: inspectorDso, form: f }))?.code).toBe(C.DSO_RANK_INSUFFICIENT);
    expect(dsoRankSufficient(input({ actor: { ...dso, rank: 'Head of Fraud' }, form: f }))?.code).toBe(C.DSO_RANK_INSUFFICIENT);
  });
  it('follows the configured table and ignores ipc60A', () => {
    const lax = { ...input({ actor: inspectorDso, form: { route: 'dso61', dataItems: [callRecordsItem] } }), policy: { ...DEFAULT_WORKFLOW_POLICY, dsoMinimumRank: { entity: 'sergeant' as const, events: 'inspector' as const } } };
    expect(dsoRankSufficient(lax)).toBeNull();
    expect(dsoRankSufficient(input({ actor: ocda, form: { dataItems: [callRecordsItem] } }))).toBeNull();
  });
  it('checks the named decider of an oral grant recorded by a SPOC', () => {
    const oral = { rationale: 'x', deciderId: inspectorDso.id, oral: true };
    const f = { route: 'dso61A' as const, dataItems: [callRecordsItem] };
    expect(dsoRankSufficient(input({ actor: spoc, decider: inspectorDso, decision: oral, form: f }))?.code).toBe(
      C.DSO_RANK_INSUFFICIENT,
    );
  });
});

describe('oralOnlyOnUrgentRoute', () => {
  it('passes an oral grant on dso61A and a written grant anywhere', () => {
    expect(oralOnlyOnUrgentRoute(input({ decision: { oral: true }, form: { route: 'dso61A' } }))).toBeNull();
    expect(oralOnlyOnUrgentRoute(input({ decision: { oral: false } }))).toBeNull();
  });
  it('fails an oral grant on dso61 or ipc60A', () => {
    expect(oralOnlyOnUrgentRoute(input({ decision: { oral: true }, form: { route: 'dso61' } }))?.code).toBe(
      C.ORAL_GRANT_NOT_URGENT_ROUTE,
    );
    expect(oralOnlyOnUrgentRoute(input({ decision: { oral: true } }))?.code).toBe(C.ORAL_GRANT_NOT_URGENT_ROUTE);
  });
});

describe('reasonGiven', () => {
  it('passes a reason, and a question for REQUEST_MORE_INFO', () => {
    expect(reasonGiven(input({ event: { type: 'WITHDRAW', reason: 'Suspect charged.' } }))).toBeNull();
    expect(reasonGiven(input({ event: { type: 'REQUEST_MORE_INFO', question: 'Why 9 days?' } }))).toBeNull();
  });
  it('fails a blank reason, and a reason in place of a question', () => {
    expect(reasonGiven(input({ event: { type: 'CANCEL', reason: '   ' } }))?.code).toBe(C.REASON_REQUIRED);
    const failure = reasonGiven(input({ event: { type: 'REQUEST_MORE_INFO', reason: 'x' } }));
    expect(failure).toEqual(expect.objectContaining({ code: C.REASON_REQUIRED, fields: ['question'] }));
  });
});

describe('rationaleGiven', () => {
  it('passes a rationale', () => {
    expect(rationaleGiven(input())).toBeNull();
  });
  it('fails without one', () => {
    expect(rationaleGiven(input({ decision: {} }))?.code).toBe(C.RATIONALE_REQUIRED);
  });
});

describe('judicialCommissioner', () => {
  it('passes a JC of a judicial office', () => {
    expect(judicialCommissioner(input({ actor: jc }))).toBeNull();
  });
  it('fails others, and a jc role outside a judicial office', () => {
    expect(judicialCommissioner(input({ actor: ocda }))?.code).toBe(C.NOT_JUDICIAL_COMMISSIONER);
    expect(judicialCommissioner(input({ actor: { ...jc, authorityType: 'police' } }))?.code).toBe(C.NOT_JUDICIAL_COMMISSIONER);
  });
});

describe('writtenRecordByGrantingDso', () => {
  const oral = { grantedById: dso.id, oralGrant: true, writtenRecordDueAt: new Date('2026-03-11T10:00:00Z') };
  it('passes the granting DSO while the record is outstanding', () => {
    expect(writtenRecordByGrantingDso(input({ actor: dso, application: oral }))).toBeNull();
  });
  it('fails another DSO, and when nothing is outstanding', () => {
    expect(writtenRecordByGrantingDso(input({ actor: inspectorDso, application: oral }))?.code).toBe(C.NOT_GRANTING_DSO);
    expect(
      writtenRecordByGrantingDso(input({ actor: dso, application: { ...oral, writtenRecordDueAt: null } }))?.code,
    ).toBe(C.NO_WRITTEN_RECORD_OUTSTANDING);
  });
});

describe('noWrittenRecordOutstanding', () => {
  it('passes when none is outstanding', () => {
    expect(noWrittenRecordOutstanding(input())).toBeNull();
  });
  it('fails while one is outstanding', () => {
    expect(
      noWrittenRecordOutstanding(input({ application: { writtenRecordDueAt: new Date('2026-03-11T10:00:00Z') } }))?.code,
    ).toBe(C.WRITTEN_RECORD_OUTSTANDING);
  });
});

describe('expiryReached', () => {
  const expiresAt = new Date('2026-03-10T10:00:00.000Z');
  it('passes at and after expiry', () => {
    expect(expiryReached(input({ application: { expiresAt }, now: expiresAt }))).toBeNull();
    expect(expiryReached(input({ application: { expiresAt }, now: new Date('2026-04-01T00:00:00Z') }))).toBeNull();
  });
  it('fails a millisecond before, and without an expiry', () => {
    expect(expiryReached(input({ application: { expiresAt }, now: new Date(expiresAt.getTime() - 1) }))?.code).toBe(
      C.NOT_YET_EXPIRED,
    );
    expect(expiryReached(input({ application: { expiresAt: null } }))?.code).toBe(C.NOT_YET_EXPIRED);
  });
});

describe('productPrerequisites', () => {
  const done = { disclosuresTerminalAndChecked: true, finalProductIssued: true, dataReceivedBeforeEnd: true };
  it('passes when disclosures are checked and a final product is issued', () => {
    expect(productPrerequisites(input({ application: { status: 'authorised', disclosureFacts: done } }))).toBeNull();
    expect(productPrerequisites(input({ application: { status: 'expired', disclosureFacts: done } }))).toBeNull();
  });
  it('fails open disclosures, a missing final product, missing facts', () => {
    expect(
      productPrerequisites(input({ application: { status: 'authorised', disclosureFacts: { ...done, disclosuresTerminalAndChecked: false } } }))?.code,
    ).toBe(C.DISCLOSURES_OPEN);
    expect(
      productPrerequisites(input({ application: { status: 'authorised', disclosureFacts: { ...done, finalProductIssued: false } } }))?.code,
    ).toBe(C.FINAL_PRODUCT_NOT_ISSUED);
    expect(productPrerequisites(input({ application: { status: 'authorised', disclosureFacts: null } }))?.code).toBe(
      C.DISCLOSURES_OPEN,
    );
  });
  it('after cancellation needs data received before the end', () => {
    const facts = { ...done, dataReceivedBeforeEnd: false };
    expect(productPrerequisites(input({ application: { status: 'cancelled', disclosureFacts: facts } }))?.code).toBe(
      C.NO_DATA_RECEIVED_BEFORE_END,
    );
    expect(productPrerequisites(input({ application: { status: 'authorised', disclosureFacts: facts } }))).toBeNull();
  });
});

describe('cancellerEntitled', () => {
  it('passes the applicant, a SPOC of the authority, the granting DSO, OCDA on ipc60A', () => {
    expect(cancellerEntitled(input({ actor: applicant }))).toBeNull();
    expect(cancellerEntitled(input({ actor: spoc }))).toBeNull();
    expect(cancellerEntitled(input({ actor: dso, application: { grantedById: dso.id }, form: { route: 'dso61' } }))).toBeNull();
    expect(cancellerEntitled(input({ actor: ocda }))).toBeNull();
  });
  it('fails another DSO, OCDA on a DSO route, a foreign SPOC', () => {
    const dsoRoute = { application: { grantedById: dso.id }, form: { route: 'dso61' as const } };
    expect(cancellerEntitled(input({ actor: inspectorDso, ...dsoRoute }))?.code).toBe(C.NOT_ENTITLED_TO_CANCEL);
    expect(cancellerEntitled(input({ actor: ocda, ...dsoRoute }))?.code).toBe(C.NOT_ENTITLED_TO_CANCEL);
    expect(cancellerEntitled(input({ actor: { ...spoc, authorityId: 'x' } }))?.code).toBe(C.NOT_ENTITLED_TO_CANCEL);
  });
});

describe('closerEntitled', () => {
  it('passes a SPOC or an SRO of the authority', () => {
    expect(closerEntitled(input({ actor: spoc }))).toBeNull();
    expect(closerEntitled(input({ actor: sro }))).toBeNull();
  });
  it('fails an SRO of another authority and an unaccredited SPOC', () => {
    expect(closerEntitled(input({ actor: { ...sro, authorityId: 'x' } }))?.code).toBe(C.SRO_WRONG_AUTHORITY);
    expect(closerEntitled(input({ actor: { ...spoc, spocPin: '' } }))?.code).toBe(C.SPOC_NOT_ACCREDITED);
  });
});

describe('outcomeRecorded', () => {
  it('passes with an outcome', () => {
    expect(outcomeRecorded(input({ event: { type: 'RECORD_OUTCOME', outcome: 'Suspect identified and arrested.' } }))).toBeNull();
  });
  it('fails without', () => {
    expect(outcomeRecorded(input({ event: { type: 'RECORD_OUTCOME' } }))?.code).toBe(C.OUTCOME_REQUIRED);
  });
});

describe('grantValidity', () => {
  it('runs from the grant instant to the end of the statutory month (ipc60A) or third day (dso61A)', () => {
    expect(grantValidity(input({ application: { route: 'ipc60A' } }).application, NOW)).toEqual({
      validFrom: NOW,
      expiresAt: new Date('2026-04-09T22:59:59.999Z'),
    });
    expect(grantValidity(input({ application: { route: 'dso61A' } }).application, NOW)?.expiresAt).toEqual(
      new Date('2026-03-12T23:59:59.999Z'),
    );
  });
  it('starts a renewal when the original ends: 6 Jul ends → 7 Jul to 6 Aug', () => {
    const original = new Date('2026-07-06T22:59:59.999Z');
    const validity = grantValidity(input({ application: { route: 'ipc60A', renewalOfExpiresAt: original } }).application, NOW);
    expect(validity).toEqual({ validFrom: new Date('2026-07-06T23:00:00.000Z'), expiresAt: new Date('2026-08-06T22:59:59.999Z') });
  });
  it('gives nothing without a route', () => {
    expect(grantValidity(input({ application: { route: null, form: { route: null } } }).application, NOW)).toBeNull();
  });
});

describe('renewalGrantedInTime', () => {
  const original = new Date('2026-03-10T10:00:00.001Z');
  it('passes for an ordinary application and for a renewal granted before the original expires', () => {
    expect(renewalGrantedInTime(input({}))).toBeNull();
    expect(renewalGrantedInTime(input({ application: { renewalOfExpiresAt: original } }))).toBeNull();
  });
  it('fails a renewal granted at or after the original’s expiry, or once the original is no longer in force', () => {
    expect(renewalGrantedInTime(input({ application: { renewalOfExpiresAt: NOW } }))?.code).toBe(C.RENEWAL_TOO_LATE);
    expect(renewalGrantedInTime(input({ application: { renewalOfExpiresAt: original, renewalOfLive: false } }))?.code).toBe(C.RENEWAL_TOO_LATE);
  });
});

describe('dataWithinValidity', () => {
  const item = (periodEnd: string): DataItem => ({ ...subscriberItem, periodEnd });
  it('passes when every item ends within the authorisation', () => {
    expect(dataWithinValidity(input({ application: { route: 'ipc60A', form: { dataItems: [item('2026-04-09T23:59:59.999+01:00')] } } }))).toBeNull();
  });
  it('fails naming each item that ends after the authorisation would', () => {
    const failure = dataWithinValidity(
      input({ application: { route: 'ipc60A', form: { dataItems: [item('2026-03-11T00:00:00Z'), item('2026-04-10T00:00:00+01:00')] } } }),
    );
    expect(failure?.code).toBe(C.DATA_PERIOD_BEYOND_VALIDITY);
    expect(failure?.fields).toEqual(['dataItems[1].periodEnd']);
  });
});

describe('grantInstant', () => {
  it('is the recorded decision time when a SPOC records OCDA’s decision', () => {
    const recorded = input({ actor: spoc, application: { route: 'ipc60A', status: 'awaitingAuthorisation' }, decision: ocdaRecord });
    expect(grantInstant(recorded)).toEqual(new Date('2026-03-10T09:30:00.000Z'));
  });
  it('is now for a direct decider, whatever decidedAt they send', () => {
    const direct = input({ actor: ocda, application: { route: 'ipc60A' }, decision: { rationale: 'x', decidedAt: '2030-01-01T00:00:00Z' } });
    expect(grantInstant(direct)).toEqual(NOW);
  });
});

describe('grantStillValid', () => {
  it('passes a decision recorded within its validity', () => {
    expect(grantStillValid(input({ actor: spoc, application: { route: 'ipc60A' }, decision: ocdaRecord }))).toBeNull();
  });
  it('fails a decision recorded after the month it would have given had ended', () => {
    const late = input({ actor: spoc, application: { route: 'ipc60A' }, decision: { ...ocdaRecord, decidedAt: '2026-02-05T09:30:00+00:00' } });
    expect(grantStillValid(late)?.code).toBe(C.VALIDITY_ALREADY_ENDED);
  });
});

describe('notExpired', () => {
  it('passes before expiry and when there is none', () => {
    expect(notExpired(input({ application: { expiresAt: new Date(NOW.getTime() + 1) } }))).toBeNull();
    expect(notExpired(input({ application: { expiresAt: null } }))).toBeNull();
  });
  it('fails at and after expiry', () => {
    expect(notExpired(input({ application: { expiresAt: NOW } }))?.code).toBe(C.AUTHORISATION_EXPIRED);
  });
});
