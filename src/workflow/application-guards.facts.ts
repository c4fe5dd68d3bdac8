/**
 * What the application guards look at: the inputs ({@link GuardInput}) and the configurable policy
 * (docs/architecture.md §7.1; docs/law.md §2.2). No guards here; import through application.guards.ts.
 */
import type { AuthorityType } from './roles';
import type {
  ApplicationEvent,
  ApplicationForm,
  ApplicationState,
  PriorityGrade,
  Route,
  SpocSection,
} from './application.types';
import type { GuardFailure } from './application-guards.rule-codes';
import type { ActorFacts } from './core/actor';

/** Police ranks, lowest first: the offices of a police force's DSO in the Schedule 4 table (docs/law.md §9; schedule4.ts). */
export const POLICE_RANKS = [
  'constable',
  'sergeant',
  'inspector',
  'chiefInspector',
  'superintendent',
  'chiefSuperintendent',
  'assistantChiefConstable',
  'deputyChiefConstable',
  'chiefConstable',
] as const;
export type PoliceRank = (typeof POLICE_RANKS)[number];

/**
 * Configurable workflow policy. The DSO ranks are not here: IPA Sch 4 fixes them, so they are law in the
 * table of schedule4.ts (docs/law.md §9), not configuration.
 */
export interface WorkflowPolicy {
  /** Priority grades that may justify the `dso61A` urgent route (docs/law.md §2.2 urgencyJustified). */
  urgentGrades: readonly PriorityGrade[];
  /** Local authorities must use NAFN as their SPOC (docs/law.md §1 nafn; §2.1 local authorities). */
  localAuthorityRequiresNafnSpoc: boolean;
}

export const DEFAULT_WORKFLOW_POLICY: WorkflowPolicy = Object.freeze({
  urgentGrades: Object.freeze(['grade1', 'grade2'] as PriorityGrade[]),
  localAuthorityRequiresNafnSpoc: true,
});

/** Who is acting (or deciding): the facts every aggregate's guards share (a police rank from {@link POLICE_RANKS}). */
export type { ActorFacts } from './core/actor';

/** Facts owned by later modules (disclosures, products), supplied through a read interface. */
export interface DisclosureFacts {
  /** Every disclosure request is terminal and checked. */
  disclosuresTerminalAndChecked: boolean;
  /** A final product has been issued for the application. */
  finalProductIssued: boolean;
  /** Some data was received before the authorisation ended (cancelled / expired). */
  dataReceivedBeforeEnd: boolean;
}

/** The application as the guards see it (a projection of the row; docs/architecture.md §6). */
export interface ApplicationFacts {
  id: string;
  authorityId: string;
  authorityType: AuthorityType;
  applicantId: string;
  /** Members of the investigation team (they may not authorise it: IPA s.63). */
  teamMemberIds: readonly string[];
  /** Reviewing SPOC, set at SUBMIT_FOR_AUTHORISATION or the first SPOC action. */
  spocId: string | null;
  route: Route | null;
  status: ApplicationState;
  form: ApplicationForm;
  spocSection: SpocSection | null;
  /** Person id of the decider who granted (not the recorder). */
  grantedById: string | null;
  oralGrant: boolean;
  /** Non-null exactly while an oral grant's written record is outstanding. */
  writtenRecordDueAt: Date | null;
  expiresAt: Date | null;
  /** For a renewal (a linked new application): when the original ceases to have effect. */
  renewalOfExpiresAt?: Date | null;
  /** For a renewal: the original is still authorised (not cancelled, expired or quashed). */
  renewalOfLive?: boolean;
  /** First time it reached the authoriser (set once, by the transition that first gets there). */
  submittedForAuthorisationAt?: Date | null;
  /**
   * The last time it entered `awaitingAuthorisation` (set on every entry): a decision recorded on someone
   * else's behalf cannot have been taken before it (docs/law.md §2.3 "No backdated decisions").
   */
  lastSubmittedForAuthorisationAt?: Date | null;
  /**
   * First time it reached OCDA, i.e. entered `awaitingAuthorisation` on route `ipc60A` (set once): OCDA's
   * sight keys off it, never off an edit of the route (docs/law.md §1 need-to-know).
   */
  submittedToOcdaAt?: Date | null;
  /** First time it went to a Judicial Commissioner (set once). */
  judicialApprovalRequestedAt?: Date | null;
  disclosureFacts?: DisclosureFacts | null;
}

/** Everything a guard may look at. */
export interface GuardInput {
  application: ApplicationFacts;
  /** The sender (for a recorded decision: the recorder). */
  actor: ActorFacts;
  /** The named decider when someone else's decision is recorded (docs/architecture.md §7.1 footnotes ¹ ²). */
  decider?: ActorFacts | null;
  event: ApplicationEvent;
  policy: WorkflowPolicy;
  now: Date;
}

export type GuardFn = (input: GuardInput) => GuardFailure | null;
