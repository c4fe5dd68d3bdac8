/**
 * Vocabulary of the CD error register (docs/architecture.md §7.3; docs/law.md §4): states, events, kinds, causes,
 * responsible parties, the IPC's responses, the report fields, and the event payload. Pure data: no
 * clock, no I/O.
 */
import { transitionRows } from './core/machine';

/** States of a register entry, flat (docs/architecture.md §7.3), so `status` is one string. */
export const CD_ERROR_STATES = [
  'suspected', 'recorded', 'dismissed', 'assessed', 'sroSighted', 'reportedToIpc',
  'seriousErrorInvestigation', 'submissionsRequested', 'submissionsMade', 'operatorErrorInvestigation', 'closed',
] as const;
export type CdErrorState = (typeof CD_ERROR_STATES)[number];

/** Events of the register entry (docs/architecture.md §7.3). */
export const CD_ERROR_EVENT_TYPES = [
  'RECORD', 'DISMISS', 'ASSESS', 'SIGHT', 'AGREE_EXTENSION', 'NOTIFY_IPC_INITIAL', 'CLOSE', 'REPORT_TO_IPC',
  'RECORD_IPC_RESPONSE', 'RECORD_SUBMISSIONS_REQUEST', 'RECORD_SUBMISSIONS', 'RECORD_DETERMINATION',
  'RECORD_INVESTIGATION_OUTCOME',
] as const;
export type CdErrorEventType = (typeof CD_ERROR_EVENT_TYPES)[number];

/**
 * What ASSESS decides the error is (docs/law.md §4.1): a relevant error (IPA s.231(9), reported to the
 * IPC within 10 working days of being established), a recordable error (caught before data was
 * wrongly acquired: kept in the register, not reported), or an operator (CSP) error (reported; no
 * s.231 determination, IPCO-19 18.26).
 */
export const CD_ERROR_KINDS = ['relevantError', 'recordableError', 'operatorError'] as const;
export type CdErrorKind = (typeof CD_ERROR_KINDS)[number];

/** Causes (docs/law.md §4.2 causeCode; each `a / b` row of the table is two separate values). */
export const CAUSE_CODES = [
  'incorrectIdentifier', 'incorrectTimeDate', 'incorrectDataType', 'incorrectData', 'excessData',
  'negativeResultWhenDataAvailable', 'noAuthority', 'acquiredWithoutAuthorisation', 'authoriserWrongRank',
  'purposeOrDataNotPermitted', 'impracticalConduct', 'impossibleNotice', 'systemError',
  'misinterpretationIdentifier', 'misinterpretationData', 'lateWrittenNotice', 'contentObtained', 'other',
] as const;
export type CauseCode = (typeof CAUSE_CODES)[number];

/** Who was responsible, as IPCO counts it (docs/law.md §4.2; IPCO-18 Table 5; IPCO-19 Table 5). */
export const RESPONSIBLE_PARTIES = [
  'applicant', 'spoc', 'telecomsOperator', 'designatedSeniorOfficer', 'workflow',
] as const;
export type ResponsibleParty = (typeof RESPONSIBLE_PARTIES)[number];

/**
 * The IPC's answer to a report (docs/law.md §4.4): no further action; a serious-error investigation of a
 * relevant error (IPA s.231); or an investigation of an operator error, which is not under s.231.
 */
export const IPC_RESPONSES = ['noFurtherAction', 'seriousErrorInvestigation', 'operatorErrorInvestigation'] as const;
export type IpcResponse = (typeof IPC_RESPONSES)[number];

/** What became of the data wrongly obtained (docs/law.md §4.3): destroyed, or held apart until the IPC has given a view. */
export const DATA_DISPOSALS = ['destroyed', 'quarantinedPendingIpc'] as const;
export type DataDisposal = (typeof DATA_DISPOSALS)[number];

/** An instant as ISO 8601 with an explicit offset, e.g. `2026-12-18T10:00:00+00:00` (docs/law.md §3.4). */
export type IsoInstant = string;

/**
 * The error report (docs/law.md §4.3; CoP15 6.20; IPCO-19 p90; IOCCO-FORMS). Instants are ISO strings
 * with an offset. The register keeps it as `Partial<CdErrorReport>`: RECORD needs the fields that make
 * a record, REPORT_TO_IPC the rest (cd-error.guards.ts).
 */
export interface CdErrorReport {
  /** URN of the authorisation or notice concerned (CoP15 6.20). */
  urn: string;
  errorDescription: string;
  /** How the error occurred (the cause, in words). */
  howItOccurred: string;
  /** Whether unintended (collateral) intrusion occurred, and what. */
  collateralIntrusion: string;
  /** Steps taken or to be taken to prevent recurrence. */
  preventiveSteps: string;
  /** Data wrongly obtained has been destroyed (IPCO-19 p90). */
  dataDestructionConfirmed: boolean;
  dataDestroyedAt: IsoInstant;
  /** Action taken on the data (warrant executed, visit, arrest, shared) — serious-error triage (IPCO-19 18.38). */
  actionTakenOnData: string;
  /** The CSP was told (CoP15 6.20); when not, why not. */
  cspInformed: boolean;
  cspNotInformedReason: string;
  excessDataDetails: string;
  /** How much data was wrongly obtained, in words ("subscriber details of one person"). */
  dataWronglyObtained: string;
  /** What was done with it. */
  dataDisposal: DataDisposal;
  /** When the error itself happened, when known: before it was discovered. */
  occurredAt: IsoInstant;
  discoveredAt: IsoInstant;
  /** When the error was established: the 10 working days run from here (IPCO-18 17.4). */
  establishedAt: IsoInstant;
  reportedAt: IsoInstant;
  /** Person id of the reporter. */
  reportedBy: string;
  sroSightedAt: IsoInstant;
  responsibleParty: ResponsibleParty;
  causeCode: CauseCode;
  isIpRelated: boolean;
  /** The authoriser's review: is use of the data still necessary and proportionate (IOCCO-FORMS). */
  authoriserReview: string;
}

/** Report fields without which there is no record (RECORD; docs/law.md §4.3). */
export const RECORD_REPORT_FIELDS = [
  'errorDescription',
  'howItOccurred',
  'discoveredAt',
  'establishedAt',
  'causeCode',
  'responsibleParty',
] as const satisfies readonly (keyof CdErrorReport)[];

/** Further report fields needed before REPORT_TO_IPC (docs/law.md §4.3; CoP15 6.20; IPCO-19 p90). */
export const IPC_REPORT_FIELDS = [
  'collateralIntrusion',
  'preventiveSteps',
  'dataWronglyObtained',
  'dataDisposal',
  'cspInformed',
  'actionTakenOnData',
] as const satisfies readonly (keyof CdErrorReport)[];

/**
 * An initial notification to the IPC, made when the full facts cannot be reported by the due date
 * (docs/law.md §4.4): what is known, why the full report is not ready, and when it will follow.
 */
export interface InitialNotification {
  whatIsKnown: string;
  whyFullReportNotReady: string;
  /** ISO instant with an offset. */
  fullReportExpectedBy: IsoInstant;
}

/** The IPC's request for the authority's submissions before it decides (IPA s.231(5)). */
export interface SubmissionsRequest {
  /** When the IPC asked: ISO instant with an offset. */
  requestedAt: IsoInstant;
  /** By when the IPC asked for them, if it said. */
  respondBy?: IsoInstant | null;
}

/** The submissions the authority made in answer (IPA s.231(5)). */
export interface Submissions {
  text: string;
  /** When they were made: ISO instant with an offset. */
  madeAt: IsoInstant;
}

/**
 * The register's exchange with the IPC after the entry is assessed (docs/law.md §4.4), kept on the entry so
 * that the report and the inspectors read it without replaying the history. Each part is written once, by
 * the event named, with when it was recorded and by whom.
 */
export interface CdErrorIpcExchange {
  /** NOTIFY_IPC_INITIAL. */
  initialNotification?: InitialNotification & Recorded;
  /** RECORD_IPC_RESPONSE. */
  response?: { ipcResponse: IpcResponse; ipcReference: string | null } & Recorded;
  /** RECORD_SUBMISSIONS_REQUEST. */
  submissionsRequest?: SubmissionsRequest & Recorded;
  /** RECORD_SUBMISSIONS. */
  submissions?: Submissions & Recorded;
  /** RECORD_DETERMINATION. */
  determination?: { serious: boolean; personInformed: boolean; notes: string | null } & Recorded;
  /** RECORD_INVESTIGATION_OUTCOME: the outcome of the IPC's investigation of an operator error. */
  investigationOutcome?: { outcome: string } & Recorded;
}

/** When a part of the exchange was recorded, and by whom (a person id). */
export interface Recorded {
  recordedAt: IsoInstant;
  recordedBy: string;
}

/** The event payload (`POST /errors/:id/events`, docs/architecture.md §8). */
export interface CdErrorEvent {
  type: CdErrorEventType;
  /** DISMISS (why it is not an error); AGREE_EXTENSION (why more time). */
  reason?: string;
  /** ASSESS. */
  kind?: CdErrorKind;
  /** Report fields: RECORD fills them; ASSESS and REPORT_TO_IPC may complete them. */
  report?: Partial<CdErrorReport>;
  /** AGREE_EXTENSION: the due instant agreed with the IPC. */
  agreedDueAt?: IsoInstant;
  /** AGREE_EXTENSION: the IPC's reference for its agreement. */
  ipcAgreementReference?: string;
  /** RECORD_IPC_RESPONSE. */
  ipcResponse?: IpcResponse;
  ipcReference?: string;
  /** RECORD_DETERMINATION: the IPC found the error serious (IPA s.231(1)–(7)). */
  serious?: boolean;
  /** RECORD_DETERMINATION: the person concerned was informed. */
  personInformed?: boolean;
  determinationNotes?: string;
  /** NOTIFY_IPC_INITIAL. */
  initialNotification?: Partial<InitialNotification>;
  /** RECORD_SUBMISSIONS_REQUEST. */
  submissionsRequest?: Partial<SubmissionsRequest>;
  /** RECORD_SUBMISSIONS. */
  submissions?: Partial<Submissions>;
  /** RECORD_INVESTIGATION_OUTCOME. */
  investigationOutcome?: string;
}

/**
 * The §7.3 table as data (docs/architecture.md §7.3): for each state, each event's target. The SRO may report
 * or close straight from `assessed`, the sighting recorded with it; RECORD_IPC_RESPONSE opens a serious-error
 * investigation or an operator-error investigation when the IPC says so, and otherwise closes the entry; in a
 * serious-error investigation the IPC asks for the authority's submissions before it decides (IPA s.231(5)).
 * The machine is built from it (cd-error.machine.ts).
 */
export const CD_ERROR_TRANSITIONS = transitionRows<
  CdErrorState,
  CdErrorEventType,
  'ipcResponseOpensInvestigation' | 'ipcResponseOpensOperatorInvestigation'
>({
  suspected: { RECORD: 'recorded', DISMISS: 'dismissed' },
  recorded: { DISMISS: 'dismissed', ASSESS: 'assessed' },
  assessed: {
    SIGHT: 'sroSighted',
    AGREE_EXTENSION: 'assessed',
    NOTIFY_IPC_INITIAL: 'assessed',
    CLOSE: 'closed',
    REPORT_TO_IPC: 'reportedToIpc',
  },
  sroSighted: { AGREE_EXTENSION: 'sroSighted', NOTIFY_IPC_INITIAL: 'sroSighted', CLOSE: 'closed', REPORT_TO_IPC: 'reportedToIpc' },
  reportedToIpc: {
    RECORD_IPC_RESPONSE: [
      ['seriousErrorInvestigation', 'ipcResponseOpensInvestigation'],
      ['operatorErrorInvestigation', 'ipcResponseOpensOperatorInvestigation'],
      'closed',
    ],
  },
  seriousErrorInvestigation: { RECORD_SUBMISSIONS_REQUEST: 'submissionsRequested' },
  submissionsRequested: { RECORD_SUBMISSIONS: 'submissionsMade' },
  submissionsMade: { RECORD_DETERMINATION: 'closed' },
  operatorErrorInvestigation: { RECORD_INVESTIGATION_OUTCOME: 'closed' },
});

/** Events that keep the state (docs/architecture.md §7.3 AGREE_EXTENSION and NOTIFY_IPC_INITIAL "(same)"). */
export const CD_ERROR_SELF_TRANSITION_EVENTS: readonly CdErrorEventType[] = ['AGREE_EXTENSION', 'NOTIFY_IPC_INITIAL'];
