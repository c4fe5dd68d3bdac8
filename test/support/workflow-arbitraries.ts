/**
 * fast-check generators over the pure workflow's inputs, for the property specs of blocked events and of
 * the guards' `facts`/`payload` declarations (docs/architecture.md §7): facts (the record and the sender)
 * and payloads (what an event carries, with the decider a payload names) are generated apart, so a spec
 * can hold the facts and vary the payload. Values are picked from small pools that make each guard both
 * pass and fail.
 */
import fc from 'fast-check';
import {
  DEFAULT_WORKFLOW_POLICY,
  type ActorFacts,
  type ApplicationFacts,
  type DisclosureFacts,
  type GuardInput,
} from '../../src/workflow/application.guards';
import { applicationEngine } from '../../src/workflow/application.engine';
import { APPLICATION_EVENT_RULES, APPLICATION_GUARDS, APPLICATION_GUARD_READS } from '../../src/workflow/application.policy';
import { cdErrorEngine } from '../../src/workflow/cd-error.engine';
import { CD_ERROR_EVENT_RULES, CD_ERROR_GUARDS, CD_ERROR_GUARD_READS } from '../../src/workflow/cd-error.policy';
import { APPLICATION_EVENT_TYPES, APPLICATION_STATES, type ApplicationEvent, type ApplicationForm, type Route } from '../../src/workflow/application.types';
import type { CdErrorFacts, CdErrorGuardInput } from '../../src/workflow/cd-error.guards';
import { CD_ERROR_EVENT_TYPES, CD_ERROR_KINDS, CD_ERROR_STATES, IPC_RESPONSES, type CdErrorEvent } from '../../src/workflow/cd-error.types';
import { ROLES, SYSTEM_SENDER, type EventSender } from '../../src/workflow/roles';
import * as app from './application-guard-fixtures';
import * as err from './cd-error-fixtures';
import { disclosureRequestEngine } from '../../src/workflow/disclosure-request.engine';
import {
  DISCLOSURE_REQUEST_EVENT_RULES,
  DISCLOSURE_REQUEST_GUARDS,
  DISCLOSURE_REQUEST_GUARD_READS,
} from '../../src/workflow/disclosure-request.policy';
import type {
  DisclosureApplicationFacts,
  DisclosureRequestFacts,
  DisclosureRequestGuardInput,
} from '../../src/workflow/disclosure-request.guards';
import {
  DISCLOSURE_REQUEST_EVENT_TYPES,
  DISCLOSURE_REQUEST_STATES,
  type DisclosureRequestEvent,
  type DisclosureRequestState,
} from '../../src/workflow/disclosure-request.types';
import * as dr from './disclosure-request-fixtures';

const SENDERS: readonly EventSender[] = [...ROLES, SYSTEM_SENDER];

/** A person from `pool`, sometimes holding other roles than their own (a user may hold several). */
function actorFrom(pool: readonly ActorFacts[]): fc.Arbitrary<ActorFacts> {
  return fc
    .tuple(fc.constantFrom(...pool), fc.option(fc.subarray([...SENDERS], { minLength: 1 }), { nil: undefined }))
    .map(([person, roles]) => (roles === undefined ? person : { ...person, roles }));
}

// ---------------------------------------------------------------------------------------------
// Applications
// ---------------------------------------------------------------------------------------------

const laNafnSpoc = app.nafnSpoc;
const laSpoc = app.person('u-la-spoc', ['spoc'], { authorityId: 'auth-la', authorityType: 'localAuthority', spocPin: 'LA-1' });
const APPLICATION_PEOPLE: readonly ActorFacts[] = [
  app.applicant, app.teamMate, app.spoc, app.dso, app.inspectorDso, app.ocda, app.jc, app.sro, laNafnSpoc, laSpoc,
];

const complete = app.application().form;
const FORMS: readonly ApplicationForm[] = [
  complete,
  { ...complete, route: 'dso61A', priorityGrade: 'grade1', urgencyJustification: 'Threat to life.', exceptionalCircumstances: 'No SPOC on duty.' },
  { ...complete, route: 'dso61A', priorityGrade: 'routine' },
  { ...complete, dataItems: [app.callRecordsItem], offences: [app.minorOffence] },
  { ...complete, dataItems: [{ ...app.icrItem, icrCondition: null }] },
  { ...complete, statutoryPurpose: 'publicSafety' },
  // The purpose a police force's dso61 route is open to (Schedule 4; docs/law.md §9).
  { ...complete, statutoryPurpose: 'nationalSecurity', offences: null },
  { ...complete, journalisticSourceSought: true },
  { ...complete, sensitiveProfession: 'journalist', journalisticSourceSought: true },
  { ...complete, sensitiveProfession: 'lawyer', sensitiveProfessionConsiderations: 'Victim; profession not relevant.' },
  { ...complete, dataItems: [{ ...app.subscriberItem, periodEnd: '2027-12-31T00:00:00+00:00' }] },
  { route: 'ipc60A' },
  {},
];

const PAST = new Date(app.NOW.getTime() - 86_400_000);
const FUTURE = new Date(app.NOW.getTime() + 86_400_000);
const DONE: DisclosureFacts = { disclosuresTerminalAndChecked: true, finalProductIssued: true, dataReceivedBeforeEnd: true };

/** The application as the guards see it, in any state. */
export const applicationFactsArb: fc.Arbitrary<ApplicationFacts> = fc
  .record({
    status: fc.constantFrom(...APPLICATION_STATES),
    route: fc.constantFrom<Route | null>('ipc60A', 'dso61', 'dso61A', null),
    authority: fc.constantFrom(
      { authorityId: app.applicant.authorityId, authorityType: 'police' as const },
      { authorityId: 'auth-la', authorityType: 'localAuthority' as const },
      // A type with no Schedule 4 row (docs/law.md §9).
      { authorityId: 'auth-other', authorityType: 'other' as const },
    ),
    applicantId: fc.constantFrom(app.applicant.id, app.spoc.id, app.dso.id),
    spocId: fc.constantFrom(null, app.spoc.id, app.dso.id),
    form: fc.constantFrom(...FORMS),
    spocSection: fc.constantFrom(
      null,
      {},
      { spocAdvice: 'Lawful and practical.' },
      { spocAdvice: 'Lawful and practical.', sensitiveProfessionAdvice: 'Weighed.' },
    ),
    grantedById: fc.constantFrom(null, app.dso.id, app.ocda.id),
    writtenRecordDueAt: fc.constantFrom(null, FUTURE),
    expiresAt: fc.constantFrom(null, PAST, FUTURE),
    renewal: fc.constantFrom(
      {},
      { renewalOfExpiresAt: FUTURE, renewalOfLive: true },
      { renewalOfExpiresAt: PAST, renewalOfLive: true },
      { renewalOfExpiresAt: FUTURE, renewalOfLive: false },
    ),
    disclosureFacts: fc.constantFrom(null, DONE, { ...DONE, finalProductIssued: false }, { ...DONE, dataReceivedBeforeEnd: false }),
    // When it last went for authorisation: none recorded, long before any decision time offered, or just before now.
    lastSubmittedForAuthorisationAt: fc.constantFrom(undefined, new Date('2019-01-01T00:00:00Z'), new Date(app.NOW.getTime() - 3_600_000)),
  })
  .map(({ authority, renewal, form, route, ...rest }) => ({
    ...app.application(),
    ...authority,
    ...rest,
    ...renewal,
    route: route ?? null,
    form: route === null ? form : { ...form, route },
  }));

export const applicationActorArb = actorFrom(APPLICATION_PEOPLE);

const text = (value: string) => fc.constantFrom(undefined, null, '', '   ', value);

/** What an application event may carry, and the decider its `decision.deciderId` names (the service loads them together). */
export interface ApplicationPayload {
  payload: Omit<ApplicationEvent, 'type'>;
  decider: ActorFacts | null;
}

export const applicationPayloadArb: fc.Arbitrary<ApplicationPayload> = fc.record({
  payload: fc.record(
    {
      reason: text('Because it is needed.'),
      question: text('Why nine days?'),
      spoc: fc.constantFrom(
        undefined,
        null,
        {},
        { spocAdvice: 'Use the secure system.' },
        { spocAdvice: '' },
        { spocAdvice: 'Use the secure system.', sensitiveProfessionAdvice: 'Privileged contacts weighed.' },
      ),
      decision: fc.option(
        fc.record(
          {
            deciderId: fc.constantFrom(undefined, null, app.dso.id, app.ocda.id, app.applicant.id, app.teamMate.id, 'u-unknown'),
            deciderName: text('A. Officer'),
            rationale: text('Necessary and proportionate.'),
            officeRank: text('Superintendent'),
            conductAuthorised: text('Obtain subscriber data for i1.'),
            oral: fc.constantFrom(undefined, null, true, false),
            decidedAt: fc.constantFrom(undefined, null, PAST.toISOString(), FUTURE.toISOString(), '2020-01-01T00:00:00+00:00', 'soon'),
            ocdaReference: text('OCDA-1'),
            exceptionalCircumstancesOverride: text('Only DSO on duty.'),
            independenceDeclaration: fc.constantFrom(undefined, null, true, false),
            sensitiveProfessionConsideration: text('Profession weighed; subscriber check only.'),
            findings: fc.constantFrom(
              undefined,
              null,
              {},
              { imminentThreatToLife: { reasons: 'A kidnap victim is held.' } },
              { imminentThreatToLife: { reasons: ' ' } },
              { spocNotConsulted: { reasons: 'No SPOC reachable overnight.' } },
              { spocNotConsulted: {} },
            ),
          },
          { requiredKeys: [] },
        ),
        { nil: undefined },
      ),
      judicialApproval: fc.constantFrom(undefined, null, { judgeName: 'Sir J' }),
      writtenRecord: text('Written up.'),
      outcome: text('Suspect identified.'),
      granterUnavailable: text('The DSO who granted has retired.'),
    },
    { requiredKeys: [] },
  ),
  decider: fc.constantFrom(null, app.dso, app.inspectorDso, app.ocda, app.teamMate, app.applicant),
});

/** The guard input a GET has: the facts, no event, no decider. */
export function applicationFacts(application: ApplicationFacts, actor: ActorFacts): Omit<GuardInput, 'event'> {
  return { application, actor, decider: null, policy: DEFAULT_WORKFLOW_POLICY, now: app.NOW };
}

/** The guard input of an event of `type` carrying `payload`. */
export function applicationInput(application: ApplicationFacts, actor: ActorFacts, type: ApplicationEvent['type'], p: ApplicationPayload): GuardInput {
  return { ...applicationFacts(application, actor), decider: p.decider, event: { ...p.payload, type } };
}

// ---------------------------------------------------------------------------------------------
// CD errors
// ---------------------------------------------------------------------------------------------

const ERROR_PEOPLE: readonly ActorFacts[] = [err.spoc, err.sro, err.otherForceSro, err.applicant];
const LATER = '2027-01-20T23:59:59.999+00:00';

/** The register entry as the guards see it, in any state. */
export const cdErrorFactsArb: fc.Arbitrary<CdErrorFacts> = fc.record({
  id: fc.constant('err-1'),
  authorityId: fc.constantFrom(err.POLICE, 'auth-police-2'),
  status: fc.constantFrom(...CD_ERROR_STATES),
  kind: fc.constantFrom(null, ...CD_ERROR_KINDS),
  report: fc.constantFrom({}, err.RECORD_REPORT, err.FULL_REPORT),
  reportDueAt: fc.constantFrom(null, err.DUE_18_DEC),
  agreedDueAt: fc.constantFrom(null, new Date(LATER)),
  ipc: fc.constantFrom(
    {},
    { initialNotification: { whatIsKnown: 'x', whyFullReportNotReady: 'y', fullReportExpectedBy: LATER, recordedAt: LATER, recordedBy: err.sro.id } },
    { submissionsRequest: { requestedAt: '2026-12-20T10:00:00+00:00', respondBy: null, recordedAt: LATER, recordedBy: err.sro.id } },
  ),
});

export const cdErrorActorArb = actorFrom(ERROR_PEOPLE);

export const cdErrorPayloadArb: fc.Arbitrary<Omit<CdErrorEvent, 'type'>> = fc.record(
  {
    reason: fc.constantFrom(undefined, '', 'Not an error after all.'),
    kind: fc.constantFrom(undefined, ...CD_ERROR_KINDS, 'bogus' as never),
    report: fc.constantFrom(undefined, {}, err.RECORD_REPORT, err.FULL_REPORT, { establishedAt: 'yesterday' }, { causeCode: 'excessData' as const }),
    agreedDueAt: fc.constantFrom(undefined, LATER, '2026-01-01T00:00:00+00:00', 'later'),
    ipcAgreementReference: fc.constantFrom(undefined, '', 'IPC/ERR/1'),
    ipcResponse: fc.constantFrom(undefined, ...IPC_RESPONSES),
    ipcReference: fc.constantFrom(undefined, 'IPC/SEI/1'),
    serious: fc.constantFrom(undefined, true, false),
    personInformed: fc.constantFrom(undefined, true, false),
    determinationNotes: fc.constantFrom(undefined, 'Notes.'),
    initialNotification: fc.constantFrom(
      undefined,
      {},
      { whatIsKnown: 'Wrong number checked.', whyFullReportNotReady: 'The CSP has not confirmed the extent.', fullReportExpectedBy: LATER },
      { whatIsKnown: 'Wrong number checked.', whyFullReportNotReady: 'Waiting.', fullReportExpectedBy: '2026-01-01T00:00:00+00:00' },
    ),
    submissionsRequest: fc.constantFrom(
      undefined,
      { requestedAt: '2026-12-20T10:00:00+00:00' },
      { requestedAt: '2026-12-20T10:00:00+00:00', respondBy: '2026-12-19T10:00:00+00:00' },
      { requestedAt: LATER },
    ),
    submissions: fc.constantFrom(
      undefined,
      { text: 'The error caused no harm: the data was destroyed unread.', madeAt: '2026-12-21T09:00:00+00:00' },
      { text: '', madeAt: '2026-12-21T09:00:00+00:00' },
      { text: 'Early.', madeAt: '2026-12-19T09:00:00+00:00' },
    ),
    investigationOutcome: fc.constantFrom(undefined, '', 'The CSP corrected its lookup table.'),
  },
  { requiredKeys: [] },
);

/** The guard input a GET has: the facts, no event. */
export function cdErrorFacts(error: CdErrorFacts, actor: ActorFacts): Omit<CdErrorGuardInput, 'event'> {
  return { error, actor, now: err.NOW };
}

/** The guard input of an event of `type` carrying `payload`. */
export function cdErrorInput(error: CdErrorFacts, actor: ActorFacts, type: CdErrorEvent['type'], payload: Omit<CdErrorEvent, 'type'>): CdErrorGuardInput {
  return { ...cdErrorFacts(error, actor), event: { ...payload, type } };
}

// ---------------------------------------------------------------------------------------------
// Disclosure requests
// ---------------------------------------------------------------------------------------------

/** A request and its application as the guards see them, with the request's status where the properties look. */
export interface DisclosureRequestArbFacts {
  status: DisclosureRequestState;
  request: DisclosureRequestFacts;
  application: DisclosureApplicationFacts;
}

const DISCLOSURE_PEOPLE: readonly ActorFacts[] = [
  dr.spoc, dr.applicantSpoc, dr.unaccreditedSpoc, dr.otherForceSpoc, dr.nafnSpoc, dr.sro, dr.system,
];

/** A request in any state, under an application in any state (authorised most often), valid now or not. */
export const disclosureRequestFactsArb: fc.Arbitrary<DisclosureRequestArbFacts> = fc
  .record({
    status: fc.constantFrom(...DISCLOSURE_REQUEST_STATES),
    authority: fc.constantFrom(
      { authorityId: dr.POLICE, authorityType: 'police' as const },
      { authorityId: dr.LOCAL_AUTHORITY, authorityType: 'localAuthority' as const },
    ),
    sentAt: fc.constantFrom(null, new Date('2026-12-08T09:00:00.000Z')),
    cspReference: fc.constantFrom(null, 'CSP/REF/42'),
    allChecksReviewed: fc.boolean(),
    applicantId: fc.constantFrom(dr.applicantSpoc.id, dr.spoc.id),
    applicationStatus: fc.oneof(fc.constant('authorised' as const), fc.constantFrom(...APPLICATION_STATES)),
    validity: fc.constantFrom(
      { validFrom: dr.VALID_FROM, expiresAt: dr.EXPIRES_AT },
      // A renewal, authorised before its period begins.
      { validFrom: dr.RENEWAL_FROM, expiresAt: dr.RENEWAL_EXPIRES_AT },
      // Ended before now.
      { validFrom: new Date('2026-10-01T10:00:00.000Z'), expiresAt: new Date('2026-10-31T23:59:59.999Z') },
      { validFrom: null, expiresAt: null },
    ),
  })
  .map(({ status, authority, sentAt, cspReference, allChecksReviewed, applicantId, applicationStatus, validity }) => ({
    status,
    request: { ...dr.requestFacts(status), ...authority, sentAt, cspReference, allChecksReviewed },
    application: { applicantId, status: applicationStatus, ...validity },
  }));

export const disclosureRequestActorArb = actorFrom(DISCLOSURE_PEOPLE);

const given = (value: string) => fc.constantFrom(undefined, '', '   ', value);

export const disclosureRequestPayloadArb: fc.Arbitrary<Omit<DisclosureRequestEvent, 'type'>> = fc.record(
  {
    cspReference: given('CSP/REF/42'),
    allItemsComplete: fc.constantFrom(undefined, true, false),
    cspStatement: given('No data held for that number in that period.'),
    cspReason: given('The request could not be verified as authentic.'),
    reason: given('The authorisation was cancelled.'),
  },
  { requiredKeys: [] },
);

/** The guard input a GET has: the facts, no event. */
export function disclosureRequestFacts(facts: DisclosureRequestArbFacts, actor: ActorFacts): Omit<DisclosureRequestGuardInput, 'event'> {
  return { request: facts.request, application: facts.application, actor, now: dr.NOW };
}

/** The guard input of an event of `type` carrying `payload`. */
export function disclosureRequestInput(
  facts: DisclosureRequestArbFacts,
  actor: ActorFacts,
  type: DisclosureRequestEvent['type'],
  payload: Omit<DisclosureRequestEvent, 'type'>,
): DisclosureRequestGuardInput {
  return { ...disclosureRequestFacts(facts, actor), event: { ...payload, type } };
}

// ---------------------------------------------------------------------------------------------
// The aggregates, as the shared properties take them (workflow-properties.ts)
// ---------------------------------------------------------------------------------------------

export const APPLICATION_UNDER_TEST = {
  engine: applicationEngine,
  guards: APPLICATION_GUARDS,
  reads: APPLICATION_GUARD_READS,
  policy: APPLICATION_EVENT_RULES,
  eventTypes: APPLICATION_EVENT_TYPES,
  factsArb: applicationFactsArb,
  actorArb: applicationActorArb,
  payloadArb: applicationPayloadArb,
  facts: applicationFacts,
  input: applicationInput,
};

export const CD_ERROR_UNDER_TEST = {
  engine: cdErrorEngine,
  guards: CD_ERROR_GUARDS,
  reads: CD_ERROR_GUARD_READS,
  policy: CD_ERROR_EVENT_RULES,
  eventTypes: CD_ERROR_EVENT_TYPES,
  factsArb: cdErrorFactsArb,
  actorArb: cdErrorActorArb,
  payloadArb: cdErrorPayloadArb,
  facts: cdErrorFacts,
  input: cdErrorInput,
};

export const DISCLOSURE_REQUEST_UNDER_TEST = {
  engine: disclosureRequestEngine,
  guards: DISCLOSURE_REQUEST_GUARDS,
  reads: DISCLOSURE_REQUEST_GUARD_READS,
  policy: DISCLOSURE_REQUEST_EVENT_RULES,
  eventTypes: DISCLOSURE_REQUEST_EVENT_TYPES,
  factsArb: disclosureRequestFactsArb,
  actorArb: disclosureRequestActorArb,
  payloadArb: disclosureRequestPayloadArb,
  facts: disclosureRequestFacts,
  input: disclosureRequestInput,
};
