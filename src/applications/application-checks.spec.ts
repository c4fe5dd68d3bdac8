/**
 * The SPOC review's checks are the guards themselves (issue 19): the same registry, the same guard input as the
 * engine's `eventsFor`, the catalogue's words. They agree with `blockedEvents` on every variant here, and a guard
 * changed in the registry changes both.
 */
import { applicationEngine } from '../workflow/application.engine';
import { APPLICATION_RULE_CATALOGUE, DEFAULT_WORKFLOW_POLICY, type ActorFacts, type ApplicationFacts } from '../workflow/application.guards';
import { APPLICATION_EVENT_RULES, APPLICATION_GUARDS } from '../workflow/application.policy';
import type { ApplicationForm } from '../workflow/application.types';
import { NOW, application, callRecordsItem, dso, icrItem, minorOffence, person, spoc, teamMate } from '../../test/support/application-guard-fixtures';
import { CHECK_NAMES, applicationChecks, independenceChecks, submissionChecks, type CheckFacts } from './application-checks';

function facts(form: Partial<ApplicationForm> = {}, over: Partial<ApplicationFacts> = {}, actor: ActorFacts = spoc): CheckFacts {
  const base = application({ status: 'spocReview', spocSection: null, spocId: null, ...over });
  return { application: { ...base, form: { ...base.form, ...form } }, actor, policy: DEFAULT_WORKFLOW_POLICY, now: NOW };
}

/** What the engine offers for SUBMIT_FOR_AUTHORISATION on the same facts: allowed, or blocked with a code. */
function offered(f: CheckFacts): string {
  const events = applicationEngine.eventsFor(f.application.status, { ...f, decider: null });
  if (events.allowedEvents.includes('SUBMIT_FOR_AUTHORISATION')) return 'allowed';
  return events.blockedEvents.find((b) => b.event === 'SUBMIT_FOR_AUTHORISATION')?.code ?? 'absent';
}

/** What the checks say of the same: allowed when every `facts` check passes, else the first failing one's code. */
function checked(f: CheckFacts): string {
  const failing = submissionChecks(f).find((c) => c.reads === 'facts' && !c.passed);
  return failing?.failure?.code ?? 'allowed';
}

const VARIANTS: [string, CheckFacts][] = [
  ['a complete application', facts()],
  ['a 3-month offence with events data', facts({ offences: [minorOffence], seriousCrimeBasis: 'twelveMonthsPlus', dataItems: [callRecordsItem] })],
  ['a form without necessity', facts({ necessity: null })],
  ['a police force on dso61 for the crime purpose', facts({ route: 'dso61' })],
  ['an ICR without a condition', facts({ dataItems: [{ ...icrItem, icrCondition: null }] })],
  ['the urgent route with a routine grade', facts({ route: 'dso61A', priorityGrade: 'routine', urgencyJustification: 'Now.' })],
  ['a journalist subject not addressed', facts({ sensitiveProfession: 'journalist', sensitiveProfessionConsiderations: null })],
  ['a SPOC of another force', facts({}, {}, person('u-other-spoc', ['spoc'], { authorityId: 'auth-police-2', spocPin: 'X-1' }))],
  ['the applicant acting as SPOC', facts({}, { applicantId: spoc.id })],
];

describe('submissionChecks', () => {
  it('runs every guard of SUBMIT_FOR_AUTHORISATION, in the policy table’s order, each with a name in words', () => {
    const checks = submissionChecks(facts());
    expect(checks.map((c) => c.guard)).toEqual(APPLICATION_EVENT_RULES.SUBMIT_FOR_AUTHORISATION.guards);
    for (const check of checks) expect(CHECK_NAMES[check.guard]).toBe(check.name);
  });

  it('passes every check of a complete application on the record, and leaves the SPOC’s advice to what they send', () => {
    const checks = submissionChecks(facts());
    expect(checks.filter((c) => !c.passed).map((c) => [c.guard, c.reads, c.failure?.code])).toEqual([['SPOC_ADVICE_RECORDED', 'payload', 'SPOC_ADVICE_REQUIRED']]);
    const serious = checks.find((c) => c.guard === 'SERIOUS_CRIME_THRESHOLD');
    expect(serious?.rules).toEqual([{ code: 'SERIOUS_CRIME_THRESHOLD_NOT_MET', ...APPLICATION_RULE_CATALOGUE.SERIOUS_CRIME_THRESHOLD_NOT_MET }]);
  });

  it('fails the serious-crime threshold for a 3-month offence with events data, with the guard’s detail and the rule’s citation', () => {
    const serious = submissionChecks(facts({ offences: [minorOffence], seriousCrimeBasis: 'twelveMonthsPlus', dataItems: [callRecordsItem] })).find(
      (c) => c.guard === 'SERIOUS_CRIME_THRESHOLD',
    );
    expect(serious).toMatchObject({
      passed: false,
      failure: {
        code: 'SERIOUS_CRIME_THRESHOLD_NOT_MET',
        detail: 'events data for the crime purpose needs an offence meeting the serious-crime test',
        message: APPLICATION_RULE_CATALOGUE.SERIOUS_CRIME_THRESHOLD_NOT_MET.message,
        citation: 'docs/law.md §2.2; IPA s.60A(8), s.86(2A)',
        fields: ['offences'],
      },
    });
  });

  it.each(VARIANTS)('agrees with the engine’s allowed and blocked events: %s', (_name, f) => {
    expect(checked(f)).toBe(offered(f));
  });

  it('follows the registry: a guard replaced there changes the checks and the engine alike', () => {
    const f = facts();
    const spy = jest.spyOn(APPLICATION_GUARDS, 'SERIOUS_CRIME_THRESHOLD').mockReturnValue({ code: 'SERIOUS_CRIME_THRESHOLD_NOT_MET', detail: 'changed for the test' });
    try {
      expect(checked(f)).toBe('SERIOUS_CRIME_THRESHOLD_NOT_MET');
      expect(offered(f)).toBe('SERIOUS_CRIME_THRESHOLD_NOT_MET');
    } finally {
      spy.mockRestore();
    }
    expect(checked(f)).toBe('allowed');
    expect(offered(f)).toBe('allowed');
  });
});

describe('independenceChecks', () => {
  it('is not for ipc60A: OCDA decides, independent by construction', () => {
    expect(independenceChecks(facts(), [dso])).toBeNull();
  });

  it('on a DSO route runs the independence guard for each DSO: a team member is refused, another DSO is not', () => {
    const result = independenceChecks(facts({ route: 'dso61A' }), [dso, teamMate]);
    expect(result?.map((d) => [d.id, d.independence.passed, d.independence.failure?.code ?? null])).toEqual([
      [dso.id, true, null],
      [teamMate.id, false, 'AUTHORISER_NOT_INDEPENDENT'],
    ]);
    expect(result?.[1].independence.failure).toMatchObject({ detail: 'the decider works on the investigation', citation: 'docs/law.md §2.2; IPA s.63' });
  });

  it('comes with the submission checks in applicationChecks', () => {
    expect(applicationChecks(facts(), [dso])).toEqual({ checks: submissionChecks(facts()), independence: null });
  });
});
