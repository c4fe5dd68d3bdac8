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
    message: 'A field of the report is malformed: an instant without an offset or in the future, an error established before it was discovered, an unknown cause or party.',
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
    message: "Record the IPC's response: no further action, or a serious-error investigation.",
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
};
