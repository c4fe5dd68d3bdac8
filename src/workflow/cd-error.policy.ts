/**
 * Who may send each CD error event, and which guards it must pass, in order (docs/architecture.md §7.3
 * "sent by" and "notes" columns). The first failure is reported, so the authority check comes first,
 * then the kind checks, then the payload. Guards are named by stable ids: history rows keep the ids.
 */
import type { GuardCodesTable, GuardReadsTable, GuardRegistry, PolicyTable } from './core/policy';
import {
  actorInErrorAuthority,
  closeOnlyRecordable,
  determinationRecorded,
  dismissalReasonGiven,
  extensionDetailsGiven,
  extensionOnlyForRelevantError,
  initialNotificationGiven,
  investigationOutcomeRecorded,
  ipcReportComplete,
  ipcResponseRecorded,
  kindAssessed,
  noInitialNotificationYet,
  noS231ForOperatorErrors,
  operatorInvestigationOnlyForOperatorErrors,
  recordReportComplete,
  reportOnlyRelevantOrOperator,
  submissionsRecorded,
  submissionsRequestRecorded,
  type CdErrorGuardInput,
  type CdErrorRuleCode,
} from './cd-error.guards';
import type { CdErrorEventType } from './cd-error.types';
import type { EventSender } from './roles';

/** Every CD error guard by its stable id. */
export const CD_ERROR_GUARDS = {
  ACTOR_IN_ERROR_AUTHORITY: actorInErrorAuthority,
  RECORD_REPORT_COMPLETE: recordReportComplete,
  DISMISSAL_REASON_GIVEN: dismissalReasonGiven,
  KIND_ASSESSED: kindAssessed,
  EXTENSION_ONLY_FOR_RELEVANT_ERROR: extensionOnlyForRelevantError,
  EXTENSION_DETAILS_GIVEN: extensionDetailsGiven,
  CLOSE_ONLY_RECORDABLE: closeOnlyRecordable,
  REPORT_ONLY_RELEVANT_OR_OPERATOR: reportOnlyRelevantOrOperator,
  IPC_REPORT_COMPLETE: ipcReportComplete,
  IPC_RESPONSE_RECORDED: ipcResponseRecorded,
  NO_S231_FOR_OPERATOR_ERRORS: noS231ForOperatorErrors,
  DETERMINATION_RECORDED: determinationRecorded,
  INITIAL_NOTIFICATION_GIVEN: initialNotificationGiven,
  NO_INITIAL_NOTIFICATION_YET: noInitialNotificationYet,
  OPERATOR_INVESTIGATION_ONLY_FOR_OPERATOR_ERRORS: operatorInvestigationOnlyForOperatorErrors,
  SUBMISSIONS_REQUEST_RECORDED: submissionsRequestRecorded,
  SUBMISSIONS_RECORDED: submissionsRecorded,
  INVESTIGATION_OUTCOME_RECORDED: investigationOutcomeRecorded,
} as const satisfies GuardRegistry<string, CdErrorGuardInput, CdErrorRuleCode>;

/**
 * What each guard reads (docs/architecture.md §7, blocked events): `payload` wherever a field the event
 * carries can change the outcome — the report fields it adds (`effectiveReport` lays them over the
 * register's), a reason, the kind, the extension, the IPC's response or determination; `facts` guards
 * read only the entry, the sender and `now`. cd-error.guards.meta.spec.ts checks each `facts` declaration
 * against payloads that differ.
 */
export const CD_ERROR_GUARD_READS = {
  ACTOR_IN_ERROR_AUTHORITY: 'facts',
  RECORD_REPORT_COMPLETE: 'payload',
  DISMISSAL_REASON_GIVEN: 'payload',
  KIND_ASSESSED: 'payload',
  EXTENSION_ONLY_FOR_RELEVANT_ERROR: 'facts',
  EXTENSION_DETAILS_GIVEN: 'payload',
  CLOSE_ONLY_RECORDABLE: 'facts',
  REPORT_ONLY_RELEVANT_OR_OPERATOR: 'facts',
  IPC_REPORT_COMPLETE: 'payload',
  IPC_RESPONSE_RECORDED: 'payload',
  // The kind is a fact, but the refusal is of a serious-error investigation, which only the payload asks for.
  NO_S231_FOR_OPERATOR_ERRORS: 'payload',
  DETERMINATION_RECORDED: 'payload',
  INITIAL_NOTIFICATION_GIVEN: 'payload',
  NO_INITIAL_NOTIFICATION_YET: 'facts',
  // The kind is a fact, but the refusal is of an operator-error investigation, which only the payload asks for.
  OPERATOR_INVESTIGATION_ONLY_FOR_OPERATOR_ERRORS: 'payload',
  SUBMISSIONS_REQUEST_RECORDED: 'payload',
  SUBMISSIONS_RECORDED: 'payload',
  INVESTIGATION_OUTCOME_RECORDED: 'payload',
} as const satisfies GuardReadsTable<keyof typeof CD_ERROR_GUARDS>;

/** What a check of the report may refuse with: a missing or malformed field, or dates out of order (docs/law.md §4.3). */
const REPORT_CODES = [
  'ERROR_REPORT_INCOMPLETE',
  'ERROR_REPORT_INVALID',
  'ERROR_DATE_IN_FUTURE',
  'ERROR_ESTABLISHED_BEFORE_DISCOVERED',
  'ERROR_OCCURRED_AFTER_DISCOVERY',
] as const;

/**
 * The rule codes each guard may refuse with: with the event table below, what the rules table for
 * inspectors (docs/rules.md) derives the events of each rule from. rule-catalogue.spec.ts checks with
 * generated inputs that no guard refuses with a code it does not declare.
 */
export const CD_ERROR_GUARD_CODES = {
  ACTOR_IN_ERROR_AUTHORITY: ['NOT_AUTHORITY_ERROR_OFFICER'],
  RECORD_REPORT_COMPLETE: [...REPORT_CODES],
  DISMISSAL_REASON_GIVEN: ['REASON_REQUIRED'],
  KIND_ASSESSED: ['ERROR_KIND_REQUIRED', ...REPORT_CODES],
  EXTENSION_ONLY_FOR_RELEVANT_ERROR: ['EXTENSION_ONLY_FOR_RELEVANT_ERRORS'],
  EXTENSION_DETAILS_GIVEN: ['EXTENSION_DETAILS_REQUIRED'],
  CLOSE_ONLY_RECORDABLE: ['CLOSE_ONLY_RECORDABLE'],
  REPORT_ONLY_RELEVANT_OR_OPERATOR: ['REPORT_ONLY_RELEVANT_OR_OPERATOR'],
  IPC_REPORT_COMPLETE: [...REPORT_CODES],
  IPC_RESPONSE_RECORDED: ['IPC_RESPONSE_REQUIRED'],
  NO_S231_FOR_OPERATOR_ERRORS: ['NO_S231_FOR_OPERATOR_ERRORS'],
  DETERMINATION_RECORDED: ['DETERMINATION_REQUIRED'],
  INITIAL_NOTIFICATION_GIVEN: ['INITIAL_NOTIFICATION_DETAILS_REQUIRED'],
  NO_INITIAL_NOTIFICATION_YET: ['INITIAL_NOTIFICATION_ALREADY_MADE'],
  OPERATOR_INVESTIGATION_ONLY_FOR_OPERATOR_ERRORS: ['OPERATOR_INVESTIGATION_ONLY_FOR_OPERATOR_ERRORS'],
  SUBMISSIONS_REQUEST_RECORDED: ['SUBMISSIONS_REQUEST_DETAILS_REQUIRED'],
  SUBMISSIONS_RECORDED: ['SUBMISSIONS_REQUIRED'],
  INVESTIGATION_OUTCOME_RECORDED: ['INVESTIGATION_OUTCOME_REQUIRED'],
} as const satisfies GuardCodesTable<keyof typeof CD_ERROR_GUARDS, CdErrorRuleCode>;

const SPOC_OR_SRO: readonly EventSender[] = ['spoc', 'sro'];
const SRO: readonly EventSender[] = ['sro'];

export const CD_ERROR_EVENT_RULES: PolicyTable<CdErrorEventType, keyof typeof CD_ERROR_GUARDS> = {
  RECORD: { roles: SPOC_OR_SRO, guards: ['ACTOR_IN_ERROR_AUTHORITY', 'RECORD_REPORT_COMPLETE'] },
  DISMISS: { roles: SPOC_OR_SRO, guards: ['ACTOR_IN_ERROR_AUTHORITY', 'DISMISSAL_REASON_GIVEN'] },
  ASSESS: { roles: SPOC_OR_SRO, guards: ['ACTOR_IN_ERROR_AUTHORITY', 'KIND_ASSESSED'] },
  SIGHT: { roles: SRO, guards: ['ACTOR_IN_ERROR_AUTHORITY'] },
  AGREE_EXTENSION: {
    roles: SRO,
    guards: ['ACTOR_IN_ERROR_AUTHORITY', 'EXTENSION_ONLY_FOR_RELEVANT_ERROR', 'EXTENSION_DETAILS_GIVEN'],
  },
  // When the full facts cannot be reported in time (docs/law.md §4.4).
  NOTIFY_IPC_INITIAL: {
    roles: SRO,
    guards: ['ACTOR_IN_ERROR_AUTHORITY', 'REPORT_ONLY_RELEVANT_OR_OPERATOR', 'NO_INITIAL_NOTIFICATION_YET', 'INITIAL_NOTIFICATION_GIVEN'],
  },
  CLOSE: { roles: SRO, guards: ['ACTOR_IN_ERROR_AUTHORITY', 'CLOSE_ONLY_RECORDABLE'] },
  REPORT_TO_IPC: {
    roles: SRO,
    guards: ['ACTOR_IN_ERROR_AUTHORITY', 'REPORT_ONLY_RELEVANT_OR_OPERATOR', 'IPC_REPORT_COMPLETE'],
  },
  RECORD_IPC_RESPONSE: {
    roles: SRO,
    guards: [
      'ACTOR_IN_ERROR_AUTHORITY',
      'IPC_RESPONSE_RECORDED',
      'NO_S231_FOR_OPERATOR_ERRORS',
      'OPERATOR_INVESTIGATION_ONLY_FOR_OPERATOR_ERRORS',
    ],
  },
  // IPA s.231(5): the IPC asks for the authority's submissions before it decides.
  RECORD_SUBMISSIONS_REQUEST: { roles: SRO, guards: ['ACTOR_IN_ERROR_AUTHORITY', 'SUBMISSIONS_REQUEST_RECORDED'] },
  RECORD_SUBMISSIONS: { roles: SRO, guards: ['ACTOR_IN_ERROR_AUTHORITY', 'SUBMISSIONS_RECORDED'] },
  RECORD_DETERMINATION: { roles: SRO, guards: ['ACTOR_IN_ERROR_AUTHORITY', 'DETERMINATION_RECORDED'] },
  RECORD_INVESTIGATION_OUTCOME: { roles: SRO, guards: ['ACTOR_IN_ERROR_AUTHORITY', 'INVESTIGATION_OUTCOME_RECORDED'] },
};
