/**
 * The application's codes in words, for what a person reads: history summaries and the conversation on
 * the record (docs/architecture.md §8). The API keeps the codes beside them. Each table is a `Record` over
 * its vocabulary in application.types.ts, so a new code fails to compile until it has words here. Pure
 * data (docs/architecture.md §3: src/workflow is pure).
 */
import type { ApplicationEventType, ApplicationState, StatutoryPurpose } from './application.types';

/** States of an application (docs/architecture.md §7.1). */
export const APPLICATION_STATE_LABELS: Readonly<Record<ApplicationState, string>> = Object.freeze({
  draft: 'Draft',
  spocReview: 'With the SPOC for review',
  returnedToApplicant: 'Returned to the applicant',
  awaitingAuthorisation: 'Awaiting authorisation',
  awaitingJudicialApproval: "Awaiting a Judicial Commissioner's approval",
  authorised: 'Authorised',
  productIssued: 'Product issued',
  cancelled: 'Cancelled',
  expired: 'Expired',
  refused: 'Refused',
  declinedBySpoc: 'Declined by the SPOC',
  withdrawn: 'Withdrawn',
  quashed: 'Quashed by a Judicial Commissioner',
  closed: 'Closed',
  ripaRecord: 'Record made under RIPA 2000 (imported)',
});

/** Events of an application, as a history line says what happened (docs/architecture.md §7.1). */
export const APPLICATION_EVENT_LABELS: Readonly<Record<ApplicationEventType, string>> = Object.freeze({
  SUBMIT_TO_SPOC: 'Submitted to the SPOC',
  SUBMIT_URGENT_WITHOUT_SPOC: 'Submitted urgently without a SPOC',
  WITHDRAW: 'Withdrawn by the applicant',
  RETURN_TO_APPLICANT: 'Returned to the applicant',
  RESUBMIT: 'Resubmitted to the SPOC',
  DECLINE: 'Declined by the SPOC',
  SUBMIT_FOR_AUTHORISATION: 'Sent for authorisation',
  REQUEST_MORE_INFO: 'More information requested',
  GRANT: 'Granted',
  REFUSE: 'Refused',
  JC_APPROVE: 'Approved by a Judicial Commissioner',
  JC_REFUSE: 'Refused by a Judicial Commissioner',
  RECORD_WRITTEN: 'Written record of the oral grant made',
  ISSUE_PRODUCT: 'Product issued',
  CANCEL: 'Cancelled',
  REQUEST_CANCELLATION: 'Cancellation requested',
  EXPIRE: 'Expired',
  CLOSE: 'Closed',
  RECORD_OUTCOME: 'Outcome recorded',
});

/** Statutory purposes (docs/law.md §9, where each has its letter in IPA s.60A(7)). */
export const STATUTORY_PURPOSE_LABELS: Readonly<Record<StatutoryPurpose, string>> = Object.freeze({
  nationalSecurity: 'National security',
  applicableCrime: 'The applicable crime purpose',
  economicWellBeingNS: 'Economic well-being so far as relevant to national security',
  publicSafety: 'Public safety',
  preventDeathOrInjury: 'Preventing death, injury or damage to health',
  miscarriageOfJustice: 'Assisting investigations into alleged miscarriages of justice',
  identifyDeceasedOrIncapacitated: 'Identifying a dead or incapacitated person, or their next of kin',
});

/**
 * History rows that are not events of the machine: the application's creation, edits of its form, and the
 * import of a record made under RIPA 2000.
 */
export type ApplicationRecordChange = 'created' | 'edited' | 'imported';

export const APPLICATION_RECORD_CHANGE_LABELS: Readonly<Record<ApplicationRecordChange, string>> = Object.freeze({
  created: 'Application created',
  edited: 'Form edited',
  imported: 'Record made under RIPA 2000 imported',
});
