/**
 * Rule codes of the disclosure request guards, their kinds, and how a person reads each rule
 * (docs/architecture.md §5, §7.2, §15). No guards here; disclosure-request.guards.ts re-exports everything,
 * so import through it. The SPOC codes and REASON_REQUIRED are the application's codes with the same kind:
 * the HTTP layer merges every aggregate's kinds into one table, so a shared code must mean the same kind.
 */
import type { RuleDescription, RuleFailure, RuleKind } from './core/rules';

/** Stable rule codes returned by the disclosure request guards. */
export const DISCLOSURE_REQUEST_RULE_CODES = {
  SPOC_NOT_ACCREDITED: 'SPOC_NOT_ACCREDITED',
  SPOC_IS_APPLICANT: 'SPOC_IS_APPLICANT',
  SPOC_WRONG_AUTHORITY: 'SPOC_WRONG_AUTHORITY',
  APPLICATION_NOT_AUTHORISED: 'APPLICATION_NOT_AUTHORISED',
  REQUEST_OUTSIDE_VALIDITY: 'REQUEST_OUTSIDE_VALIDITY',
  CSP_REFERENCE_REQUIRED: 'CSP_REFERENCE_REQUIRED',
  RETURN_COMPLETENESS_REQUIRED: 'RETURN_COMPLETENESS_REQUIRED',
  CSP_STATEMENT_REQUIRED: 'CSP_STATEMENT_REQUIRED',
  CSP_REASON_REQUIRED: 'CSP_REASON_REQUIRED',
  CHECKS_NOT_REVIEWED: 'CHECKS_NOT_REVIEWED',
  REASON_REQUIRED: 'REASON_REQUIRED',
} as const;
export type DisclosureRequestRuleCode = keyof typeof DISCLOSURE_REQUEST_RULE_CODES;

/**
 * Whether each rule is about who acts (an accredited SPOC serving the request's authority: docs/law.md §1)
 * or about the request, the authorisation and the CSP's answers. A `Record` over every code, so a new code
 * without a kind fails `tsc`.
 */
export const DISCLOSURE_REQUEST_RULE_KINDS: Readonly<Record<DisclosureRequestRuleCode, RuleKind>> = {
  SPOC_NOT_ACCREDITED: 'actor',
  SPOC_IS_APPLICANT: 'actor',
  SPOC_WRONG_AUTHORITY: 'actor',
  APPLICATION_NOT_AUTHORISED: 'content',
  REQUEST_OUTSIDE_VALIDITY: 'content',
  CSP_REFERENCE_REQUIRED: 'content',
  RETURN_COMPLETENESS_REQUIRED: 'content',
  CSP_STATEMENT_REQUIRED: 'content',
  CSP_REASON_REQUIRED: 'content',
  CHECKS_NOT_REVIEWED: 'content',
  REASON_REQUIRED: 'content',
};

/** Why a disclosure request guard refused, with a code from this module's catalogue. */
export type DisclosureRequestGuardFailure = RuleFailure<DisclosureRequestRuleCode>;

/**
 * For every rule code: what it requires in plain English and where the requirement comes from (docs/rules.md
 * is generated from this and the policy table). Exhaustive: a new rule code without its words fails `tsc`.
 */
export const DISCLOSURE_REQUEST_RULE_CATALOGUE: Readonly<Record<DisclosureRequestRuleCode, RuleDescription>> = {
  SPOC_NOT_ACCREDITED: {
    message: 'Only an accredited SPOC (the SPOC role and an authentication PIN) deals with the operator.',
    citation: 'docs/law.md §1; CoP15 3.19; IPA s.76',
  },
  SPOC_IS_APPLICANT: {
    message: 'A SPOC may not deal with the operator on an application they made.',
    citation: 'docs/law.md §1; IPA s.76',
  },
  SPOC_WRONG_AUTHORITY: {
    message: "The SPOC does not serve the request's authority: its own SPOC, or NAFN for a local authority.",
    citation: 'docs/law.md §1; IPA s.74; IPCO-17 8.26',
  },
  APPLICATION_NOT_AUTHORISED: {
    message: 'A request goes to the operator only under an application that is authorised.',
    citation: 'docs/law.md §2.3; IPA s.65',
  },
  REQUEST_OUTSIDE_VALIDITY: {
    message: "A request goes to the operator only while the authorisation is valid: from its start (a renewal's may lie in the future) to its end.",
    citation: 'docs/law.md §2.3; IPA s.65(1), (3), (3A)',
  },
  CSP_REFERENCE_REQUIRED: {
    message: "Record the operator's reference for the request when it acknowledges it.",
    citation: 'docs/law.md §8; ETSI-HI1',
  },
  RETURN_COMPLETENESS_REQUIRED: {
    message: 'A return says whether the last part of every data item has now arrived.',
    citation: 'docs/law.md §8; ETSI-RD',
  },
  CSP_STATEMENT_REQUIRED: {
    message: "Record the operator's statement that it holds no such data.",
    citation: 'docs/law.md §5; ETSI-RD; CoP06 3.14',
  },
  CSP_REASON_REQUIRED: {
    message: "Record the operator's reason for rejecting the request.",
    citation: 'docs/law.md §1; CoP15 3.19',
  },
  CHECKS_NOT_REVIEWED: {
    message: 'Every check on every return must be reviewed before the request is marked checked.',
    citation: 'docs/law.md §5; CoP06 3.14; IPCO-17 8.24',
  },
  REASON_REQUIRED: {
    message: 'Say why the request is cancelled.',
    citation: 'docs/law.md §2.5, §3.8; IPA s.65; CoP15 3.59–3.61',
  },
};
