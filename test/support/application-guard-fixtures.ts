/**
 * Fixtures shared by the application guard specs (src/workflow/application-guards.*.spec.ts): people of
 * each role, data items and offences, a complete form, and a {@link GuardInput} builder. Fixed dates; no clock.
 */
import {
  DEFAULT_WORKFLOW_POLICY,
  type ActorFacts,
  type ApplicationFacts,
  type GuardInput,
} from '../../src/workflow/application.guards';
import type {
  ApplicationEvent,
  ApplicationForm,
  AuthorisationDecision,
  DataItem,
  Offence,
} from '../../src/workflow/application.types';

export const NOW = new Date('2026-03-10T10:00:00.000Z');
const POLICE = 'auth-police-1';

export function person(id: string, roles: ActorFacts['roles'], over: Partial<ActorFacts> = {}): ActorFacts {
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

export const applicant = person('u-applicant', ['applicant'], { rank: 'constable' });
export const teamMate = person('u-team', ['dso'], { rank: 'superintendent' });
export const spoc = person('u-spoc', ['spoc'], { spocPin: 'SPOC-0001' });
export const dso = person('u-dso', ['dso'], { rank: 'superintendent' });
export const inspectorDso = person('u-dso-insp', ['dso'], { rank: 'inspector' });
export const ocda = person('u-ocda', ['ocda'], { authorityId: 'auth-ocda', authorityType: 'ocda' });
export const jc = person('u-jc', ['jc'], { authorityId: 'auth-jco', authorityType: 'judicialOffice' });
export const sro = person('u-sro', ['sro']);
export const nafnSpoc = person('u-nafn', ['spoc'], {
  authorityId: 'auth-nafn',
  authorityType: 'nafn',
  spocPin: 'NAFN-9',
});

export const subscriberItem: DataItem = {
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
export const callRecordsItem: DataItem = { ...subscriberItem, ref: 'd2', category: 'events', subtype: 'callDataRecords' };
export const icrItem: DataItem = { ...subscriberItem, ref: 'd3', category: 'events', subtype: 'internetConnectionRecord', icrCondition: 'A' };

const robbery: Offence = { description: 'Robbery', statute: 'Theft Act 1968 s.8', isS263SeriousCrime: true };
export const minorOffence: Offence = { description: 'Minor damage', maxSentenceAdultMonths: 3 };

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

/** What every grant states besides its rationale (IPA s.64(1): the granting office, the conduct and data). */
export const PARTICULARS = { officeRank: 'Superintendent', conductAuthorised: 'Obtain subscriber data for i1 from ExampleTel.' } as const;

/** A grant that states everything a grant must, a DSO's declaration of independence included (docs/law.md §3.7). */
export const GRANT: AuthorisationDecision = { rationale: 'Necessary and proportionate.', ...PARTICULARS, independenceDeclaration: true };

export function application(over: Partial<ApplicationFacts> = {}): ApplicationFacts {
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

export function input(
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
    event: { type: 'GRANT', decision: over.decision ?? GRANT, ...over.event },
    policy: DEFAULT_WORKFLOW_POLICY,
    now: over.now ?? NOW,
  };
}

export const ocdaRecord: AuthorisationDecision = {
  rationale: 'Granted by OCDA.',
  officeRank: 'OCDA Authorising Officer',
  conductAuthorised: 'Obtain subscriber data for i1 from ExampleTel.',
  ocdaReference: 'OCDA-2026-123',
  deciderName: 'A. Officer',
  decidedAt: '2026-03-10T09:30:00+00:00',
};
