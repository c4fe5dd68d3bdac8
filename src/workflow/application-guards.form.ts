/**
 * Application guards about what the form says (docs/architecture.md §7.1; docs/law.md §2.2; §3): required
 * fields and well-formed identifiers and data items, the serious-crime threshold, ICR conditions, urgency
 * and the urgent route without a SPOC, and the SPOC advice on record; with the serious-crime test and the
 * journalistic-source predicate they rest on. Whether the authority may use the route for the purpose is
 * Schedule 4's rule (application-guards.schedule4.ts).
 * Import through application.guards.ts. Every exported function carries TSDoc citing docs/law.md and has a
 * `describe('<name>')` block in application-guards.form.spec.ts (application.guards.meta.spec.ts).
 */
import { hasText, includes, isPresent, parseIsoWithOffset } from './guard-support';
import {
  DATA_CATEGORIES,
  ENTITY_SUBTYPES,
  EVENTS_SUBTYPES,
  ICR_SUBTYPE,
  IDENTIFIER_TYPES,
  PERIOD_KINDS,
  REQUIRED_FORM_FIELDS,
  SUBJECT_ROLES,
  type ApplicationForm,
  type Offence,
} from './application.types';
import { APPLICATION_RULE_CODES as C, type GuardFailure } from './application-guards.rule-codes';
import type { GuardInput } from './application-guards.facts';
import { dataItemsOf, fail, routeOf } from './application-guards.support';

/**
 * The serious-crime test for one offence: s.263(1) serious crime, or an adult may be sentenced to
 * 12 months or more, or committed by a person who is not an individual, or involving as an integral
 * part the sending of a communication or a breach of privacy (docs/law.md §2.2 seriousCrimeDefinition;
 * IPA-86(2A); DRAR-8 s.87(10B)).
 */
export function offenceMeetsSeriousCrimeTest(offence: Offence): boolean {
  return (
    offence.isS263SeriousCrime === true ||
    (typeof offence.maxSentenceAdultMonths === 'number' && offence.maxSentenceAdultMonths >= 12) ||
    offence.isByNonIndividual === true ||
    offence.involvesSendingCommunication === true ||
    offence.involvesPrivacyBreach === true
  );
}

/**
 * Branch predicate for GRANT, not a failure: an authorisation that seeks to identify or confirm a
 * journalist's source has no effect until a Judicial Commissioner approves it — on every route — unless
 * the authoriser finds, with reasons, that it is necessary because of an imminent threat to life
 * (docs/law.md §2.1 judicial approval overlay; §3.7 findings; IPA s.77(1)(b) DSO grants, s.77(1A)(b) OCDA
 * grants). The finding is the authoriser's, made at grant (`decision.findings.imminentThreatToLife`):
 * the applicant's `imminentThreatToLife` answer on the form is what they assert, and never decides it.
 */
export function journalisticSourceNeedsJudicialApproval(input: GuardInput): boolean {
  const finding = input.event.decision?.findings?.imminentThreatToLife;
  return input.application.form.journalisticSourceSought === true && !hasText(finding?.reasons);
}

/**
 * The form carries every required field, and its identifiers and data items are well formed
 * (docs/law.md §2.4 SUBMIT_TO_SPOC "required fields present"; §3.1–3.5; §3.4 explicit time zone).
 * Missing fields → FORM_INCOMPLETE; malformed ones → FORM_INVALID; both list `fields`.
 */
export function formComplete(input: GuardInput): GuardFailure | null {
  const { form } = input.application;
  const missing: string[] = [];
  for (const field of REQUIRED_FORM_FIELDS) {
    const value = field === 'route' ? routeOf(input.application) : form[field];
    if (!isPresent(value)) missing.push(field);
  }
  if (form.applicantDetails) {
    if (!hasText(form.applicantDetails.name)) missing.push('applicantDetails.name');
    if (!hasText(form.applicantDetails.officeRankPosition)) {
      missing.push('applicantDetails.officeRankPosition');
    }
  }
  if (form.statutoryPurpose === 'applicableCrime' && !isPresent(form.offences)) {
    missing.push('offences');
  }
  if (missing.length > 0) {
    return fail(C.FORM_INCOMPLETE, `missing: ${missing.join(', ')}`, missing);
  }

  const invalid: string[] = [];
  (form.offences ?? []).forEach((offence, i) => {
    if (!hasText(offence.description)) invalid.push(`offences[${i}].description`);
  });
  (form.subjects ?? []).forEach((subject, i) => {
    if (!includes(SUBJECT_ROLES, subject.role)) invalid.push(`subjects[${i}].role`);
  });
  const refs = new Set<string>();
  (form.identifiers ?? []).forEach((identifier, i) => {
    if (!hasText(identifier.ref) || refs.has(identifier.ref)) invalid.push(`identifiers[${i}].ref`);
    refs.add(identifier.ref);
    if (!includes(IDENTIFIER_TYPES, identifier.type)) invalid.push(`identifiers[${i}].type`);
    if (!hasText(identifier.value)) invalid.push(`identifiers[${i}].value`);
    if (!hasText(identifier.normalisedValue)) invalid.push(`identifiers[${i}].normalisedValue`);
    if (!hasText(identifier.source)) invalid.push(`identifiers[${i}].source`);
  });
  dataItemsOf(form).forEach((item, i) => {
    const at = `dataItems[${i}]`;
    if (!refs.has(item.identifierRef)) invalid.push(`${at}.identifierRef`);
    if (!includes(DATA_CATEGORIES, item.category)) {
      invalid.push(`${at}.category`);
    } else {
      const subtypes: readonly string[] =
        item.category === 'entity' ? ENTITY_SUBTYPES : EVENTS_SUBTYPES;
      if (!subtypes.includes(item.subtype)) invalid.push(`${at}.subtype`);
    }
    if (!includes(PERIOD_KINDS, item.periodKind)) invalid.push(`${at}.periodKind`);
    const start = parseIsoWithOffset(item.periodStart);
    const end = parseIsoWithOffset(item.periodEnd);
    if (start === null) invalid.push(`${at}.periodStart`);
    if (end === null) invalid.push(`${at}.periodEnd`);
    if (start !== null && end !== null && start > end) invalid.push(`${at}.periodEnd`);
    if (!hasText(item.csp)) invalid.push(`${at}.csp`);
  });
  if (invalid.length > 0) {
    return fail(C.FORM_INVALID, `invalid: ${invalid.join(', ')}`, invalid);
  }
  return null;
}

/**
 * Events data sought for the applicable crime purpose needs the serious-crime threshold: some
 * offence must meet the serious-crime test (docs/law.md §2.2 applicableCrimeThreshold and
 * seriousCrimeDefinition; DRAR-8 s.87(10A); IPA s.60A(8)(b); IPCO-19 6.2).
 */
export function seriousCrimeThreshold(input: GuardInput): GuardFailure | null {
  const { form } = input.application;
  if (form.statutoryPurpose !== 'applicableCrime' || !eventsDataSought(form)) return null;
  if ((form.offences ?? []).some(offenceMeetsSeriousCrimeTest)) return null;
  return fail(
    C.SERIOUS_CRIME_THRESHOLD_NOT_MET,
    'events data for the crime purpose needs an offence meeting the serious-crime test',
    ['offences'],
  );
}

function eventsDataSought(form: ApplicationForm): boolean {
  return dataItemsOf(form).some((item) => item.category === 'events');
}

/**
 * An internet connection record needs condition A, B or C: B only for a purpose other than the
 * crime purpose; C only for the crime purpose with the serious-crime threshold met; never for a
 * local authority (docs/law.md §2.2 icrConditions; IPA-62(A1),(A2),(2)–(6)).
 */
export function icrConditions(input: GuardInput): GuardFailure | null {
  const { application } = input;
  const { form } = application;
  const items = dataItemsOf(form);
  const crimePurpose = form.statutoryPurpose === 'applicableCrime';
  const seriousCrime = (form.offences ?? []).some(offenceMeetsSeriousCrimeTest);
  for (const [i, item] of items.entries()) {
    if (item.subtype !== ICR_SUBTYPE) continue;
    const field = `dataItems[${i}].icrCondition`;
    if (application.authorityType === 'localAuthority') {
      return fail(C.LOCAL_AUTHORITY_NO_ICR, 'local authorities may not acquire ICRs', [
        `dataItems[${i}].subtype`,
      ]);
    }
    if (item.icrCondition === null || item.icrCondition === undefined) {
      return fail(C.ICR_CONDITION_REQUIRED, 'an ICR needs condition A, B or C (IPA s.62)', [field]);
    }
    if (item.icrCondition === 'B' && crimePurpose) {
      return fail(C.ICR_CONDITION_NOT_MET, 'condition B is for purposes other than crime', [field]);
    }
    if (item.icrCondition === 'C' && !(crimePurpose && seriousCrime)) {
      return fail(
        C.ICR_CONDITION_NOT_MET,
        'condition C needs the crime purpose and an offence meeting the serious-crime test',
        [field],
      );
    }
  }
  return null;
}

/**
 * On the urgent `dso61A` route the priority grade must be one of `policy.urgentGrades` and the
 * urgency justified for this application (docs/law.md §2.2 urgencyJustified; IPA-61A(1)(c); CoP15
 * 3.66; §3.1 priorityGrade).
 */
export function urgencyPolicy(input: GuardInput): GuardFailure | null {
  const { application, policy } = input;
  if (routeOf(application) !== 'dso61A') return null;
  const fields: string[] = [];
  const grade = application.form.priorityGrade;
  if (!includes(policy.urgentGrades, grade)) fields.push('priorityGrade');
  if (!hasText(application.form.urgencyJustification)) fields.push('urgencyJustification');
  return fields.length === 0
    ? null
    : fail(
        C.URGENCY_NOT_JUSTIFIED,
        `the urgent route needs a grade in [${policy.urgentGrades.join(', ')}] and a justification`,
        fields,
      );
}

/**
 * Going to the authoriser without a SPOC is only for the urgent DSO route (docs/law.md §2.4
 * REQUEST_URGENT; §2.2 spocConsulted; IPA-76(2)–(3); docs/architecture.md §7.4 names).
 */
export function urgentRouteOnly(input: GuardInput): GuardFailure | null {
  return routeOf(input.application) === 'dso61A'
    ? null
    : fail(C.ROUTE_NOT_URGENT, 'only the dso61A route may skip the SPOC', ['route']);
}

/**
 * Skipping the SPOC needs the exceptional circumstances recorded (docs/law.md §2.2 spocConsulted;
 * §3.6 exceptionalCircumstancesNoSpoc; IPA-76(2)).
 */
export function exceptionalCircumstancesRecorded(input: GuardInput): GuardFailure | null {
  return hasText(input.application.form.exceptionalCircumstances)
    ? null
    : fail(
        C.EXCEPTIONAL_CIRCUMSTANCES_REQUIRED,
        'record why no SPOC could be consulted (IPA s.76(2))',
        ['exceptionalCircumstances'],
      );
}

/**
 * The SPOC's advice is recorded before the application goes to the authoriser, in the event's SPOC
 * section or already on the record (docs/law.md §2.2 spocConsulted; §3.6 spocAdvice; IPA-76(5)–(6)).
 */
export function spocAdviceRecorded(input: GuardInput): GuardFailure | null {
  const advice = input.event.spoc?.spocAdvice ?? input.application.spocSection?.spocAdvice;
  return hasText(advice)
    ? null
    : fail(C.SPOC_ADVICE_REQUIRED, 'the SPOC advice must be recorded (IPA s.76)', ['spoc.spocAdvice']);
}

/**
 * Before a grant, a SPOC was consulted — unless the person the statute gives the finding to recorded the
 * exceptional circumstances (docs/law.md §2.2 spocConsulted; §3.7 findings; IPA s.76(A1), (1)–(3)). On
 * `ipc60A` the duty to consult, and so the exception, is the applicant's (s.76(A1)), recorded on the form
 * at submission; on `dso61`/`dso61A` it is the DSO's (s.76(1)), recorded on the decision at grant
 * (`decision.findings.spocNotConsulted`), and the applicant's account on the form does not stand for it.
 */
export function spocConsulted(input: GuardInput): GuardFailure | null {
  const { application } = input;
  if (hasText(application.spocSection?.spocAdvice)) return null;
  const route = routeOf(application);
  if (route === 'dso61' || route === 'dso61A') {
    return hasText(input.event.decision?.findings?.spocNotConsulted?.reasons)
      ? null
      : fail(
          C.DSO_SPOC_EXCEPTION_REQUIRED,
          'no SPOC advice on record: the DSO must record why no SPOC was consulted (IPA s.76(1)–(3))',
          ['decision.findings.spocNotConsulted.reasons'],
        );
  }
  if (route === 'ipc60A' && hasText(application.form.exceptionalCircumstances)) return null;
  return fail(C.SPOC_ADVICE_REQUIRED, 'no SPOC advice on record and no s.76(2) exception', [
    'spoc.spocAdvice',
  ]);
}
