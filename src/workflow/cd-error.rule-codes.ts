/**
 * Rule codes of the CD error guards, their kinds, and how a person reads each rule (docs/architecture.md §5;
 * §7.3). No guards here; cd-error.guards.ts re-exports everything, so import through it.
 */
import type { RuleDescription, RuleFailure, RuleKind } from './core/rules';

/** Stable rule codes returned by the CD error guards (one catalogue; docs/architecture.md §5). */
export const CD_ERROR_RULE_CODES = {
  NOT_AUTHORITY_ERROR_OFFICER: 'NOT_AUTHORITY_ERROR_OFFICER',
  ERROR_REPORT_INCOMPLETE: 'ERROR_REPORT_INCOMPLETE',
  ERROR_REPORT_INVALID: 'ERROR_REPORT_INVALID',
  REASON_REQUIRED: 'REASON_REQUIRED',
  ERROR_KIND_REQUIRED: 'ERROR_KIND_REQUIRED',
  EXTENSION_ONLY_FOR_RELEVANT_ERRORS: 'EXTENSION_ONLY_FOR_RELEVANT_ERRORS',
  EXTENSION_DETAILS_REQUIRED: 'EXTENSION_DETAILS_REQUIRED',
  CLOSE_ONLY_RECORDABLE: 'CLOSE_ONLY_RECORDABLE',
  REPORT_ONLY_RELEVANT_OR_OPERATOR: 'REPORT_ONLY_RELEVANT_OR_OPERATOR',
  IPC_RESPONSE_REQUIRED: 'IPC_RESPONSE_REQUIRED',
  NO_S231_FOR_OPERATOR_ERRORS: 'NO_S231_FOR_OPERATOR_ERRORS',
  DETERMINATION_REQUIRED: 'DETERMINATION_REQUIRED',
  ERROR_DATE_IN_FUTURE: 'ERROR_DATE_IN_FUTURE',
  ERROR_ESTABLISHED_BEFORE_DISCOVERED: 'ERROR_ESTABLISHED_BEFORE_DISCOVERED',
  ERROR_OCCURRED_AFTER_DISCOVERY: 'ERROR_OCCURRED_AFTER_DISCOVERY',
  INITIAL_NOTIFICATION_DETAILS_REQUIRED: 'INITIAL_NOTIFICATION_DETAILS_REQUIRED',
  INITIAL_NOTIFICATION_ALREADY_MADE: 'INITIAL_NOTIFICATION_ALREADY_MADE',
  OPERATOR_INVESTIGATION_ONLY_FOR_OPERATOR_ERRORS: 'OPERATOR_INVESTIGATION_ONLY_FOR_OPERATOR_ERRORS',
  SUBMISSIONS_REQUEST_DETAILS_REQUIRED: 'SUBMISSIONS_REQUEST_DETAILS_REQUIRED',
  SUBMISSIONS_REQUIRED: 'SUBMISSIONS_REQUIRED',
  INVESTIGATION_OUTCOME_REQUIRED: 'INVESTIGATION_OUTCOME_REQUIRED',
} as const;
export type CdErrorRuleCode = keyof typeof CD_ERROR_RULE_CODES;

/**
 * Whether each rule is about who acts (the authority's own SPOC or SRO: docs/law.md §4.1) or about the
 * report and the law. A `Record` over every code, so a new code without a kind fails `tsc`.
 */
export const CD_ERROR_RULE_KINDS: Readonly<Record<CdErrorRuleCode, RuleKind>> = {
  NOT_AUTHORITY_ERROR_OFFICER: 'actor',
  ERROR_REPORT_INCOMPLETE: 'content',
  ERROR_REPORT_INVALID: 'content',
  REASON_REQUIRED: 'content',
  ERROR_KIND_REQUIRED: 'content',
  EXTENSION_ONLY_FOR_RELEVANT_ERRORS: 'content',
  EXTENSION_DETAILS_REQUIRED: 'content',
  CLOSE_ONLY_RECORDABLE: 'content',
  REPORT_ONLY_RELEVANT_OR_OPERATOR: 'content',
  IPC_RESPONSE_REQUIRED: 'content',
  NO_S231_FOR_OPERATOR_ERRORS: 'content',
  DETERMINATION_REQUIRED: 'content',
  ERROR_DATE_IN_FUTURE: 'content',
  ERROR_ESTABLISHED_BEFORE_DISCOVERED: 'content',
  ERROR_OCCURRED_AFTER_DISCOVERY: 'content',
  INITIAL_NOTIFICATION_DETAILS_REQUIRED: 'content',
  INITIAL_NOTIFICATION_ALREADY_MADE: 'content',
  OPERATOR_INVESTIGATION_ONLY_FOR_OPERATOR_ERRORS: 'content',
  SUBMISSIONS_REQUEST_DETAILS_REQUIRED: 'content',
  SUBMISSIONS_REQUIRED: 'content',
  INVESTIGATION_OUTCOME_REQUIRED: 'content',
};

/** Why a CD error guard refused, with a code from this module's catalogue. */
export type CdErrorGuardFailure = RuleFailure<CdErrorRuleCode>;

/**
 * For every rule code: what it requires in plain English and where the requirement comes from. The rules
 * table for inspectors (docs/rules.md) is generated from this and the policy table, and a spec fails when
 * that file is stale. Exhaustive: a new rule code without its words and citation fails `tsc`.
 */
export const CD_ERROR_RULE_CATALOGUE: Readonly<Record<CdErrorRuleCode, RuleDescription>> = {
  NOT_AUTHORITY_ERROR_OFFICER: {
    message: 'Only the SPOCs and the SRO of the authority whose register holds the entry may act on it.',
    citation: 'docs/law.md §4.4; CoP15 6.19; IPCO-19 18.27',
  },
  ERROR_REPORT_INCOMPLETE: {
    message: 'A field the report needs at this stage is missing.',
    citation: 'docs/law.md §4.3; CoP15 6.20; IPCO-19 18.38',
  },
  ERROR_REPORT_INVALID: {
    message: 'A field of the report is malformed: an instant without an offset, an unknown cause, party or disposal, or a disposal that contradicts the destruction recorded.',
    citation: 'docs/law.md §4.3; CoP15 6.20',
  },
  REASON_REQUIRED: {
    message: 'Say why the entry is not an error.',
    citation: 'docs/law.md §4.4; IOCCO-15 7.97',
  },
  ERROR_KIND_REQUIRED: {
    message: 'The kind must be a relevant, recordable or operator error.',
    citation: 'docs/law.md §4.1; IPA s.231(9); IPCO-19 18.26–18.27',
  },
  EXTENSION_ONLY_FOR_RELEVANT_ERRORS: {
    message: 'Only a relevant error has a report deadline the IPC can extend.',
    citation: 'docs/law.md §4.4; IPCO-18 17.4',
  },
  EXTENSION_DETAILS_REQUIRED: {
    message: "An extension needs a later due date within a year of the current one, the IPC's agreement reference and a reason.",
    citation: 'docs/law.md §4.4; IPCO-18 17.4',
  },
  CLOSE_ONLY_RECORDABLE: {
    message: 'Only a recordable error closes without a report to the IPC.',
    citation: 'docs/law.md §4.1; CoP15 6.17; IPCO-19 18.27',
  },
  REPORT_ONLY_RELEVANT_OR_OPERATOR: {
    message: 'Only relevant errors and operator errors are reported to the IPC.',
    citation: 'docs/law.md §4.1; IPA s.231(9); IPCO-19 18.26',
  },
  IPC_RESPONSE_REQUIRED: {
    message: "Record the IPC's response: no further action, a serious-error investigation, or an investigation of an operator error.",
    citation: 'docs/law.md §4.4; IPA s.231; IPCO-ERR',
  },
  NO_S231_FOR_OPERATOR_ERRORS: {
    message: 'An operator error gets no s.231 determination, so it cannot enter a serious-error investigation.',
    citation: 'docs/law.md §4.1; IPA s.231(9); IPCO-19 18.26',
  },
  DETERMINATION_REQUIRED: {
    message: 'Record whether the IPC found the error serious and whether the person was informed.',
    citation: 'docs/law.md §4.4; IPA s.231(1)–(6)',
  },
  ERROR_DATE_IN_FUTURE: {
    message: 'When the error occurred, was discovered and was established cannot lie in the future.',
    citation: 'docs/law.md §4.3; IPCO-18 17.4',
  },
  ERROR_ESTABLISHED_BEFORE_DISCOVERED: {
    message: 'An error cannot be established before it was discovered: the ten working days run from when it was established.',
    citation: 'docs/law.md §4.3; IPCO-18 17.4',
  },
  ERROR_OCCURRED_AFTER_DISCOVERY: {
    message: 'An error cannot have occurred after it was discovered or established.',
    citation: 'docs/law.md §4.3; CoP15 6.20',
  },
  INITIAL_NOTIFICATION_DETAILS_REQUIRED: {
    message: 'An initial notification says what is known, why the full report is not ready, and a future time by which it will follow.',
    citation: 'docs/law.md §4.4; IPCO-18 17.4',
  },
  INITIAL_NOTIFICATION_ALREADY_MADE: {
    message: 'The initial notification has already been made; the full report is what follows it.',
    citation: 'docs/law.md §4.4; IPCO-18 17.4',
  },
  OPERATOR_INVESTIGATION_ONLY_FOR_OPERATOR_ERRORS: {
    message: 'Only an operator error goes to an operator-error investigation; a relevant error goes to the serious-error process.',
    citation: 'docs/law.md §4.1, §4.4; IPCO-19 18.26',
  },
  SUBMISSIONS_REQUEST_DETAILS_REQUIRED: {
    message: "Record when the IPC asked for the authority's submissions (not in the future, not before the report), and any date it gave for them.",
    citation: 'docs/law.md §4.4; IPA s.231(5)',
  },
  SUBMISSIONS_REQUIRED: {
    message: "Record the authority's submissions and when they were made (not in the future, not before the IPC asked).",
    citation: 'docs/law.md §4.4; IPA s.231(5)',
  },
  INVESTIGATION_OUTCOME_REQUIRED: {
    message: "Record the outcome of the IPC's investigation of the operator error.",
    citation: 'docs/law.md §4.4; IPCO-19 18.26',
  },
};
