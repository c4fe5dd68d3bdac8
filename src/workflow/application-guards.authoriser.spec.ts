import fc from 'fast-check';
import { APPLICATION_RULE_CODES as C } from './application-guards.rule-codes';
import { DEFAULT_WORKFLOW_POLICY } from './application-guards.facts';
import {
  accreditedSpocNotApplicant, applicantOfRecord, authorisationParticularsGiven, authoriserIndependent, authoriserMatchesRoute,
  dsoIndependenceDeclared, findingsGivenWithReasons, judicialCommissioner, oralOnlyOnUrgentRoute, rationaleGiven, resolveDecider,
  spocServesAuthority, writtenRecordByGrantingDso,
} from './application-guards.authoriser';
import {
  person, applicant, teamMate, spoc, dso, inspectorDso, ocda, jc, nafnSpoc,
  input, ocdaRecord, GRANT,
} from '../../test/support/application-guard-fixtures';

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
  it('requires OCDA’s reference, a well-formed decision time and the officer’s name', () => {
    for (const decidedAt of [undefined, 'yesterday', '2026-03-10T09:30:00']) {
      const failure = authoriserMatchesRoute(input({ actor: spoc, decision: { rationale: 'x', decidedAt } }));
      expect(failure?.code).toBe(C.OCDA_DECISION_DETAILS_REQUIRED);
      expect(failure?.fields).toEqual(['decision.ocdaReference', 'decision.deciderName', 'decision.decidedAt']);
    }
  });
  it('leaves the decision time’s window to recordedDecisionTimeInWindow (a future time is not a missing detail)', () => {
    expect(authoriserMatchesRoute(input({ actor: spoc, decision: { ...ocdaRecord, decidedAt: '2026-03-10T11:00:00+00:00' } }))).toBeNull();
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

describe('rationaleGiven', () => {
  it('passes a rationale', () => {
    expect(rationaleGiven(input())).toBeNull();
  });
  it('fails without one', () => {
    expect(rationaleGiven(input({ decision: {} }))?.code).toBe(C.RATIONALE_REQUIRED);
  });
});

describe('authorisationParticularsGiven', () => {
  it('passes a grant that states the granting office and the conduct authorised', () => {
    expect(authorisationParticularsGiven(input())).toBeNull();
    expect(authorisationParticularsGiven(input({ actor: spoc, decision: ocdaRecord }))).toBeNull();
  });
  it('fails a grant without the office, rank or position of the person granting (IPA s.64(1)(a))', () => {
    for (const officeRank of [undefined, null, '', '   ']) {
      const failure = authorisationParticularsGiven(input({ actor: dso, decision: { ...GRANT, officeRank } }));
      expect(failure).toEqual({
        code: C.AUTHORISATION_PARTICULARS_REQUIRED,
        detail: 'the grant must state the office, rank or position of the person granting it',
        fields: ['decision.officeRank'],
      });
    }
  });
  it('fails a grant that does not describe the conduct authorised (IPA s.64(1)(c)–(d))', () => {
    const failure = authorisationParticularsGiven(input({ actor: ocda, decision: { ...GRANT, conductAuthorised: ' ' } }));
    expect(failure?.code).toBe(C.AUTHORISATION_PARTICULARS_REQUIRED);
    expect(failure?.fields).toEqual(['decision.conductAuthorised']);
  });
  it('names both when both are missing, on an oral grant recorded by a SPOC as on any other', () => {
    const failure = authorisationParticularsGiven(
      input({ actor: spoc, decider: dso, decision: { rationale: 'x', deciderId: dso.id, oral: true }, form: { route: 'dso61A' } }),
    );
    expect(failure?.fields).toEqual(['decision.officeRank', 'decision.conductAuthorised']);
    expect(failure?.detail).toBe(
      'the grant must state the office, rank or position of the person granting it, and describe the conduct authorised and the data to be obtained',
    );
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

describe('dsoIndependenceDeclared', () => {
  const undeclared = { ...GRANT, independenceDeclaration: null };
  it.each(['dso61', 'dso61A'] as const)('on %s refuses a DSO grant with neither a declaration nor a recorded exception (IPA s.63)', (route) => {
    for (const decision of [undeclared, { ...GRANT, independenceDeclaration: false }, { ...undeclared, exceptionalCircumstancesOverride: '  ' }]) {
      expect(dsoIndependenceDeclared(input({ actor: dso, form: { route }, decision }))).toEqual({
        code: C.INDEPENDENCE_NOT_DECLARED,
        detail: expect.any(String),
        fields: ['decision.independenceDeclaration'],
      });
    }
  });
  it('passes on the DSO\'s declaration, or on the DSO\'s recorded exception', () => {
    expect(dsoIndependenceDeclared(input({ actor: dso, form: { route: 'dso61' } }))).toBeNull();
    const exception = { ...undeclared, exceptionalCircumstancesOverride: 'Only DSO on duty; threat to life.' };
    expect(dsoIndependenceDeclared(input({ actor: dso, form: { route: 'dso61' }, decision: exception }))).toBeNull();
  });
  it('asks nothing of OCDA, independent by construction', () => {
    expect(dsoIndependenceDeclared(input({ actor: ocda, form: { route: 'ipc60A' }, decision: undeclared }))).toBeNull();
  });
});

describe('findingsGivenWithReasons', () => {
  it('passes without findings, and with reasoned findings the decider may make', () => {
    expect(findingsGivenWithReasons(input())).toBeNull();
    const findings = { imminentThreatToLife: { reasons: 'Hostage held.' }, spocNotConsulted: { reasons: 'No SPOC reachable.' } };
    expect(findingsGivenWithReasons(input({ actor: dso, form: { route: 'dso61A' }, decision: { ...GRANT, findings } }))).toBeNull();
  });
  it('refuses each finding sent without reasons, naming them all', () => {
    const findings = { imminentThreatToLife: { reasons: ' ' }, spocNotConsulted: {} };
    expect(findingsGivenWithReasons(input({ actor: dso, form: { route: 'dso61A' }, decision: { ...GRANT, findings } }))).toEqual({
      code: C.FINDING_REASONS_REQUIRED,
      detail: expect.any(String),
      fields: ['decision.findings.imminentThreatToLife.reasons', 'decision.findings.spocNotConsulted.reasons'],
    });
  });
  it('refuses an authoriser\'s s.76(2) finding on ipc60A, where it is the applicant\'s (IPA s.76(A1))', () => {
    const findings = { spocNotConsulted: { reasons: 'No SPOC reachable.' } };
    expect(findingsGivenWithReasons(input({ actor: ocda, form: { route: 'ipc60A' }, decision: { ...GRANT, findings } }))?.code).toBe(
      C.FINDING_NOT_FOR_ROUTE,
    );
  });
});
