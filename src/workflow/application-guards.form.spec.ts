import fc from 'fast-check';
import { APPLICATION_RULE_CODES as C } from './application-guards.rule-codes';
import { DEFAULT_WORKFLOW_POLICY } from './application-guards.facts';
import {
  exceptionalCircumstancesRecorded, formComplete, icrConditions, journalisticSourceNeedsJudicialApproval,
  offenceMeetsSeriousCrimeTest, seriousCrimeThreshold, spocAdviceRecorded, spocConsulted, urgencyPolicy, urgentRouteOnly,
} from './application-guards.form';
import type { ApplicationForm, DataItem, Offence } from './application.types';
import {
  subscriberItem, callRecordsItem, icrItem, minorOffence, application, input, GRANT,
} from '../../test/support/application-guard-fixtures';

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
  const threat = { imminentThreatToLife: { reasons: 'A hostage is held; the source may know where.' } };
  it('is true for a journalistic source without the authoriser\'s finding of an imminent threat to life', () => {
    expect(journalisticSourceNeedsJudicialApproval(input({ form: { journalisticSourceSought: true } }))).toBe(true);
  });
  it('is true whatever the applicant ticked: the finding is the authoriser\'s (IPA s.77(1)(b))', () => {
    expect(
      journalisticSourceNeedsJudicialApproval(input({ form: { journalisticSourceSought: true, imminentThreatToLife: true } })),
    ).toBe(true);
  });
  it('is true when the finding gives no reasons', () => {
    const bare = { ...GRANT, findings: { imminentThreatToLife: { reasons: '  ' } } };
    expect(journalisticSourceNeedsJudicialApproval(input({ form: { journalisticSourceSought: true }, decision: bare }))).toBe(true);
  });
  it('is false with the authoriser\'s reasoned finding, or without a journalistic source', () => {
    const decision = { ...GRANT, findings: threat };
    expect(journalisticSourceNeedsJudicialApproval(input({ form: { journalisticSourceSought: true }, decision }))).toBe(false);
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
  const noSpoc = { spocSection: null };
  const dsoFinding = { ...GRANT, findings: { spocNotConsulted: { reasons: 'Kidnap in progress; no SPOC reachable.' } } };
  it('passes with SPOC advice', () => {
    expect(spocConsulted(input())).toBeNull();
  });
  it.each(['dso61', 'dso61A'] as const)('on %s passes on the DSO\'s own finding, recorded at grant (IPA s.76(1)–(3))', (route) => {
    expect(spocConsulted(input({ application: noSpoc, form: { route }, decision: dsoFinding }))).toBeNull();
  });
  it.each(['dso61', 'dso61A'] as const)('on %s refuses the applicant\'s account in the DSO\'s place', (route) => {
    const failure = spocConsulted(input({ application: noSpoc, form: { route, exceptionalCircumstances: 'No SPOC.' } }));
    expect(failure).toEqual({
      code: C.DSO_SPOC_EXCEPTION_REQUIRED,
      detail: expect.any(String),
      fields: ['decision.findings.spocNotConsulted.reasons'],
    });
    const bare = { ...GRANT, findings: { spocNotConsulted: { reasons: ' ' } } };
    expect(spocConsulted(input({ application: noSpoc, form: { route }, decision: bare }))?.code).toBe(C.DSO_SPOC_EXCEPTION_REQUIRED);
  });
  it('on ipc60A passes on the applicant\'s exception recorded at submission, never on the authoriser\'s (IPA s.76(A1))', () => {
    const ipc = { application: noSpoc, form: { route: 'ipc60A' as const } };
    expect(spocConsulted(input({ ...ipc, form: { ...ipc.form, exceptionalCircumstances: 'Threat to life.' } }))).toBeNull();
    expect(spocConsulted(input({ ...ipc, decision: dsoFinding }))?.code).toBe(C.SPOC_ADVICE_REQUIRED);
  });
  it('fails without advice and without a route', () => {
    expect(spocConsulted(input({ application: noSpoc, form: { route: null, exceptionalCircumstances: 'x' } }))?.code).toBe(
      C.SPOC_ADVICE_REQUIRED,
    );
  });
});
