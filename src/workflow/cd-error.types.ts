/**
 * Vocabulary of the CD error register (docs/architecture.md §7.3; docs/law.md §4): states, events, kinds, causes,
 * responsible parties, the IPC's responses, the report fields, and the event payload. Pure data: no
 * clock, no I/O.
 */
import { transitionRows } from './core/machine';

/** States of a register entry, flat (docs/architecture.md §7.3), so `status` is one string. */
export const CD_ERROR_STATES = [
  'suspected', 'recorded', 'dismissed', 'assessed', 'sroSighted', 'reportedToIpc',
  'seriousErrorInvestigation', 'closed',
] as const;
export type CdErrorState = (typeof CD_ERROR_STATES)[number];

/** Events of the register entry (docs/architecture.md §7.3). */
export const CD_ERROR_EVENT_TYPES = [
  'RECORD', 'DISMISS', 'ASSESS', 'SIGHT', 'AGREE_EXTENSION', 'CLOSE', 'REPORT_TO_IPC', 'RECORD_IPC_RESPONSE',
  'RECORD_DETERMINATION',
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

/** The IPC's answer to a report (docs/law.md §4.4; IPA s.231). */
export const IPC_RESPONSES = ['noFurtherAction', 'seriousErrorInvestigation'] as const;
export type IpcResponse = (typeof IPC_RESPONSES)[number];

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
  'dataDestructionConfirmed',
  'cspInformed',
  'actionTakenOnData',
] as const satisfies readonly (keyof CdErrorReport)[];

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
}

/**
 * The §7.3 table as data (docs/architecture.md §7.3): for each state, each event's target; RECORD_IPC_RESPONSE
 * opens an investigation when the IPC says so, and otherwise closes the entry. The machine is built from
 * it (cd-error.machine.ts).
 */
export const CD_ERROR_TRANSITIONS = transitionRows<CdErrorState, CdErrorEventType, 'ipcResponseOpensInvestigation'>({
  suspected: { RECORD: 'recorded', DISMISS: 'dismissed' },
  recorded: { DISMISS: 'dismissed', ASSESS: 'assessed' },
  assessed: { SIGHT: 'sroSighted', AGREE_EXTENSION: 'assessed' },
  sroSighted: { AGREE_EXTENSION: 'sroSighted', CLOSE: 'closed', REPORT_TO_IPC: 'reportedToIpc' },
  reportedToIpc: { RECORD_IPC_RESPONSE: [['seriousErrorInvestigation', 'ipcResponseOpensInvestigation'], 'closed'] },
  seriousErrorInvestigation: { RECORD_DETERMINATION: 'closed' },
});

/** Events that keep the state (docs/architecture.md §7.3 AGREE_EXTENSION "(same)"). */
export const CD_ERROR_SELF_TRANSITION_EVENTS: readonly CdErrorEventType[] = ['AGREE_EXTENSION'];
