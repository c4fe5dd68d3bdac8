/**
 * The CD error register's codes in words, for what a person reads (the report to the IPC and any later
 * document). The API keeps the codes; a document never prints one. Each table is a `Record` over its
 * vocabulary in cd-error.types.ts, so a new code fails to compile until it has words here. Pure data
 * (docs/architecture.md §3: src/workflow is pure).
 */
import type { CauseCode, CdErrorEventType, CdErrorKind, CdErrorState, DataDisposal, IpcResponse, ResponsibleParty } from './cd-error.types';

/** States of an entry (docs/architecture.md §7.3; docs/law.md §4.4). */
export const CD_ERROR_STATE_LABELS: Readonly<Record<CdErrorState, string>> = Object.freeze({
  suspected: 'Suspected error',
  recorded: 'Recorded',
  dismissed: 'Dismissed (not an error)',
  assessed: 'Assessed',
  sroSighted: 'Sighted by the SRO',
  reportedToIpc: 'Reported to the IPC',
  seriousErrorInvestigation: 'Under investigation by the IPC as a serious error',
  submissionsRequested: "The IPC has asked for the authority's submissions",
  submissionsMade: 'Submissions made to the IPC, awaiting its determination',
  operatorErrorInvestigation: 'Operator error under investigation by the IPC',
  closed: 'Closed',
});

/** Events of an entry, as a history line says what happened (docs/architecture.md §7.3). */
export const CD_ERROR_EVENT_LABELS: Readonly<Record<CdErrorEventType, string>> = Object.freeze({
  RECORD: 'Recorded as an error',
  DISMISS: 'Dismissed as not an error',
  ASSESS: 'Assessed',
  SIGHT: 'Sighted by the SRO',
  AGREE_EXTENSION: 'Extension agreed with the IPC',
  NOTIFY_IPC_INITIAL: 'Initial notification made to the IPC',
  CLOSE: 'Closed',
  REPORT_TO_IPC: 'Reported to the IPC',
  RECORD_IPC_RESPONSE: 'Response of the IPC recorded',
  RECORD_SUBMISSIONS_REQUEST: "The IPC's request for submissions recorded",
  RECORD_SUBMISSIONS: 'Submissions to the IPC recorded',
  RECORD_DETERMINATION: 'Determination of the IPC recorded',
  RECORD_INVESTIGATION_OUTCOME: "Outcome of the IPC's investigation recorded",
});

/** History rows that are not events of the machine: the entry's creation and edits of its report. */
export type CdErrorRecordChange = 'created' | 'edited';

export const CD_ERROR_RECORD_CHANGE_LABELS: Readonly<Record<CdErrorRecordChange, string>> = Object.freeze({
  created: 'Entry created',
  edited: 'Report edited',
});

/** What ASSESS decided (docs/law.md §4.1). */
export const CD_ERROR_KIND_LABELS: Readonly<Record<CdErrorKind, string>> = Object.freeze({
  relevantError: 'Relevant error (IPA 2016 s.231(9))',
  recordableError: 'Recordable error',
  operatorError: 'Operator (telecommunications operator) error',
});

/** Causes (docs/law.md §4.2), in the words of the Commissioner's error tables. */
export const CAUSE_CODE_LABELS: Readonly<Record<CauseCode, string>> = Object.freeze({
  incorrectIdentifier: 'Incorrect identifier',
  incorrectTimeDate: 'Incorrect time or date',
  incorrectDataType: 'Incorrect data type',
  incorrectData: 'Incorrect data disclosed',
  excessData: 'Excess data disclosed',
  negativeResultWhenDataAvailable: 'Negative result when data was available',
  noAuthority: 'No authority',
  acquiredWithoutAuthorisation: 'Data acquired without authorisation',
  authoriserWrongRank: 'Authorised at the wrong rank',
  purposeOrDataNotPermitted: 'Purpose or data not permitted',
  impracticalConduct: 'Impractical conduct',
  impossibleNotice: 'Notice impossible to comply with',
  systemError: 'System error',
  misinterpretationIdentifier: 'Identifier misinterpreted',
  misinterpretationData: 'Data misinterpreted',
  lateWrittenNotice: 'Written record of an oral grant made late',
  contentObtained: 'Content obtained',
  other: 'Other cause',
});

/** Who was responsible, in IPCO's categories (docs/law.md §4.2). */
export const RESPONSIBLE_PARTY_LABELS: Readonly<Record<ResponsibleParty, string>> = Object.freeze({
  applicant: 'Applicant',
  spoc: 'Single point of contact (SPOC)',
  telecomsOperator: 'Telecommunications operator',
  designatedSeniorOfficer: 'Designated senior officer',
  workflow: 'The workflow system',
});

/** The IPC's answer to a report (docs/law.md §4.4). */
export const IPC_RESPONSE_LABELS: Readonly<Record<IpcResponse, string>> = Object.freeze({
  noFurtherAction: 'No further action',
  seriousErrorInvestigation: 'Serious error investigation opened',
  operatorErrorInvestigation: 'Investigation of the operator error opened',
});

/** What became of the data wrongly obtained (docs/law.md §4.3). */
export const DATA_DISPOSAL_LABELS: Readonly<Record<DataDisposal, string>> = Object.freeze({
  destroyed: 'Destroyed',
  quarantinedPendingIpc: 'Quarantined until the IPC gives its view',
});

