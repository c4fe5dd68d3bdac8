/**
 * Rule codes of the application guards and the shape of a refusal (docs/architecture.md §5; §7.1). No
 * guards here; import through application.guards.ts.
 */
import type { RuleDescription, RuleFailure, RuleKind } from './core/rules';
import type { Route } from './application.types';

/** Stable rule codes returned by the application guards (one catalogue; docs/architecture.md §5). */
export const APPLICATION_RULE_CODES = {
  FORM_INCOMPLETE: 'FORM_INCOMPLETE',
  FORM_INVALID: 'FORM_INVALID',
  PURPOSE_NOT_STATUTORY: 'PURPOSE_NOT_STATUTORY',
  SCH4_AUTHORITY_NOT_LISTED: 'SCH4_AUTHORITY_NOT_LISTED',
  SCH4_ROUTE_NOT_AVAILABLE: 'SCH4_ROUTE_NOT_AVAILABLE',
  SCH4_PURPOSE_NOT_SPECIFIED: 'SCH4_PURPOSE_NOT_SPECIFIED',
  NOT_APPLICANT_OF_RECORD: 'NOT_APPLICANT_OF_RECORD',
  SPOC_NOT_ACCREDITED: 'SPOC_NOT_ACCREDITED',
  SPOC_IS_APPLICANT: 'SPOC_IS_APPLICANT',
  SPOC_WRONG_AUTHORITY: 'SPOC_WRONG_AUTHORITY',
  SERIOUS_CRIME_THRESHOLD_NOT_MET: 'SERIOUS_CRIME_THRESHOLD_NOT_MET',
  LOCAL_AUTHORITY_NO_ICR: 'LOCAL_AUTHORITY_NO_ICR',
  ICR_CONDITION_REQUIRED: 'ICR_CONDITION_REQUIRED',
  ICR_CONDITION_NOT_MET: 'ICR_CONDITION_NOT_MET',
  URGENCY_NOT_JUSTIFIED: 'URGENCY_NOT_JUSTIFIED',
  ROUTE_NOT_URGENT: 'ROUTE_NOT_URGENT',
  EXCEPTIONAL_CIRCUMSTANCES_REQUIRED: 'EXCEPTIONAL_CIRCUMSTANCES_REQUIRED',
  SENSITIVE_PROFESSION_NOT_ADDRESSED: 'SENSITIVE_PROFESSION_NOT_ADDRESSED',
  SENSITIVE_PROFESSION_NOT_ADVISED: 'SENSITIVE_PROFESSION_NOT_ADVISED',
  SENSITIVE_PROFESSION_NOT_CONSIDERED: 'SENSITIVE_PROFESSION_NOT_CONSIDERED',
  SPOC_ADVICE_REQUIRED: 'SPOC_ADVICE_REQUIRED',
  AUTHORISER_WRONG_ROUTE: 'AUTHORISER_WRONG_ROUTE',
  OCDA_DECISION_DETAILS_REQUIRED: 'OCDA_DECISION_DETAILS_REQUIRED',
  AUTHORISER_NOT_INDEPENDENT: 'AUTHORISER_NOT_INDEPENDENT',
  INDEPENDENCE_NOT_DECLARED: 'INDEPENDENCE_NOT_DECLARED',
  DSO_SPOC_EXCEPTION_REQUIRED: 'DSO_SPOC_EXCEPTION_REQUIRED',
  FINDING_REASONS_REQUIRED: 'FINDING_REASONS_REQUIRED',
  FINDING_NOT_FOR_ROUTE: 'FINDING_NOT_FOR_ROUTE',
  DSO_RANK_INSUFFICIENT: 'DSO_RANK_INSUFFICIENT',
  ORAL_GRANT_NOT_URGENT_ROUTE: 'ORAL_GRANT_NOT_URGENT_ROUTE',
  REASON_REQUIRED: 'REASON_REQUIRED',
  RATIONALE_REQUIRED: 'RATIONALE_REQUIRED',
  AUTHORISATION_PARTICULARS_REQUIRED: 'AUTHORISATION_PARTICULARS_REQUIRED',
  DECISION_TIME_REQUIRED: 'DECISION_TIME_REQUIRED',
  DECISION_BEFORE_SUBMISSION: 'DECISION_BEFORE_SUBMISSION',
  DECISION_IN_FUTURE: 'DECISION_IN_FUTURE',
  NOT_JUDICIAL_COMMISSIONER: 'NOT_JUDICIAL_COMMISSIONER',
  NOT_GRANTING_DSO: 'NOT_GRANTING_DSO',
  NO_WRITTEN_RECORD_OUTSTANDING: 'NO_WRITTEN_RECORD_OUTSTANDING',
  WRITTEN_RECORD_OUTSTANDING: 'WRITTEN_RECORD_OUTSTANDING',
  NOT_YET_EXPIRED: 'NOT_YET_EXPIRED',
  DISCLOSURES_OPEN: 'DISCLOSURES_OPEN',
  FINAL_PRODUCT_NOT_ISSUED: 'FINAL_PRODUCT_NOT_ISSUED',
  NO_DATA_RECEIVED_BEFORE_END: 'NO_DATA_RECEIVED_BEFORE_END',
  NOT_ENTITLED_TO_CANCEL: 'NOT_ENTITLED_TO_CANCEL',
  GRANTER_UNAVAILABILITY_REQUIRED: 'GRANTER_UNAVAILABILITY_REQUIRED',
  MAY_CANCEL_DIRECTLY: 'MAY_CANCEL_DIRECTLY',
  SRO_WRONG_AUTHORITY: 'SRO_WRONG_AUTHORITY',
  OUTCOME_REQUIRED: 'OUTCOME_REQUIRED',
  RENEWAL_TOO_LATE: 'RENEWAL_TOO_LATE',
  DATA_PERIOD_BEYOND_VALIDITY: 'DATA_PERIOD_BEYOND_VALIDITY',
  VALIDITY_ALREADY_ENDED: 'VALIDITY_ALREADY_ENDED',
  AUTHORISATION_EXPIRED: 'AUTHORISATION_EXPIRED',
} as const;
export type ApplicationRuleCode = keyof typeof APPLICATION_RULE_CODES;

/** Why a guard refused: the rule code, a human detail, and the form/payload fields concerned. */
export type GuardFailure = RuleFailure<ApplicationRuleCode>;

/**
 * For every rule code: is it about who sends the event or the decider they name, or about the form, the
 * payload or the law? Exhaustive: a new rule code without an entry fails `tsc`.
 */
export const APPLICATION_RULE_KINDS: Readonly<Record<ApplicationRuleCode, RuleKind>> = {
  AUTHORISER_NOT_INDEPENDENT: 'actor',
  NOT_APPLICANT_OF_RECORD: 'actor',
  SPOC_IS_APPLICANT: 'actor',
  NOT_GRANTING_DSO: 'actor',
  NOT_JUDICIAL_COMMISSIONER: 'actor',
  AUTHORISER_WRONG_ROUTE: 'actor',
  SPOC_WRONG_AUTHORITY: 'actor',
  SPOC_NOT_ACCREDITED: 'actor',
  NOT_ENTITLED_TO_CANCEL: 'actor',
  MAY_CANCEL_DIRECTLY: 'actor',
  GRANTER_UNAVAILABILITY_REQUIRED: 'content',
  SRO_WRONG_AUTHORITY: 'actor',
  FORM_INCOMPLETE: 'content',
  FORM_INVALID: 'content',
  PURPOSE_NOT_STATUTORY: 'content',
  SCH4_AUTHORITY_NOT_LISTED: 'content',
  SCH4_ROUTE_NOT_AVAILABLE: 'content',
  SCH4_PURPOSE_NOT_SPECIFIED: 'content',
  SERIOUS_CRIME_THRESHOLD_NOT_MET: 'content',
  LOCAL_AUTHORITY_NO_ICR: 'content',
  ICR_CONDITION_REQUIRED: 'content',
  ICR_CONDITION_NOT_MET: 'content',
  URGENCY_NOT_JUSTIFIED: 'content',
  ROUTE_NOT_URGENT: 'content',
  EXCEPTIONAL_CIRCUMSTANCES_REQUIRED: 'content',
  SENSITIVE_PROFESSION_NOT_ADDRESSED: 'content',
  SENSITIVE_PROFESSION_NOT_ADVISED: 'content',
  SENSITIVE_PROFESSION_NOT_CONSIDERED: 'content',
  SPOC_ADVICE_REQUIRED: 'content',
  INDEPENDENCE_NOT_DECLARED: 'content',
  DSO_SPOC_EXCEPTION_REQUIRED: 'content',
  FINDING_REASONS_REQUIRED: 'content',
  FINDING_NOT_FOR_ROUTE: 'content',
  OCDA_DECISION_DETAILS_REQUIRED: 'content',
  DSO_RANK_INSUFFICIENT: 'content',
  ORAL_GRANT_NOT_URGENT_ROUTE: 'content',
  REASON_REQUIRED: 'content',
  RATIONALE_REQUIRED: 'content',
  AUTHORISATION_PARTICULARS_REQUIRED: 'content',
  DECISION_TIME_REQUIRED: 'content',
  DECISION_BEFORE_SUBMISSION: 'content',
  DECISION_IN_FUTURE: 'content',
  NO_WRITTEN_RECORD_OUTSTANDING: 'content',
  WRITTEN_RECORD_OUTSTANDING: 'content',
  NOT_YET_EXPIRED: 'content',
  DISCLOSURES_OPEN: 'content',
  FINAL_PRODUCT_NOT_ISSUED: 'content',
  NO_DATA_RECEIVED_BEFORE_END: 'content',
  OUTCOME_REQUIRED: 'content',
  RENEWAL_TOO_LATE: 'content',
  DATA_PERIOD_BEYOND_VALIDITY: 'content',
  VALIDITY_ALREADY_ENDED: 'content',
  AUTHORISATION_EXPIRED: 'content',
};

/** An application rule as people read it; `routes` only where the rule can arise on some routes alone. */
export interface ApplicationRuleDescription extends RuleDescription {
  routes?: readonly Route[];
}

/**
 * For every rule code: what it requires in plain English and where the requirement comes from. The rules
 * table for inspectors (docs/rules.md) is generated from this and the policy table, and a spec fails when
 * that file is stale. Exhaustive: a new rule code without its words and citation fails `tsc`.
 */
export const APPLICATION_RULE_CATALOGUE: Readonly<Record<ApplicationRuleCode, ApplicationRuleDescription>> = {
  FORM_INCOMPLETE: {
    message: 'A field the application must have is missing (offences too, when the purpose is crime).',
    citation: 'docs/law.md §3; CoP15 2.37–2.38; AQT 6.68',
  },
  FORM_INVALID: {
    message: 'A field of the form is malformed: an identifier, a data item, or a period without an explicit offset.',
    citation: 'docs/law.md §3.4; CoP06 3.35',
  },
  PURPOSE_NOT_STATUTORY: {
    message: 'The purpose is missing or is not one of the purposes the Act lists.',
    citation: 'docs/law.md §9; IPA s.60A(7)',
  },
  SCH4_AUTHORITY_NOT_LISTED: {
    message: "The applicant's authority is not one Schedule 4 (or s.73 for a local authority) makes a relevant public authority, so it may use no route.",
    citation: 'docs/law.md §9; IPA s.70(2), s.73, Sch 4 Part 1 column (1)',
  },
  SCH4_ROUTE_NOT_AVAILABLE: {
    message: "The route is not open to the applicant's authority: Schedule 4 specifies no purpose for it there (a local authority has s.60A only).",
    citation: 'docs/law.md §9; IPA Sch 4 Part 1 columns (2), (5) and (6); s.73',
  },
  SCH4_PURPOSE_NOT_SPECIFIED: {
    message: "Schedule 4 does not specify this purpose for the applicant's authority on this route (a police force's s.61 route is for national security and the related economic well-being only).",
    citation: 'docs/law.md §9; IPA s.60A(7), s.61(7), s.61A(7); Sch 4 Part 1 columns (2), (5) and (6); s.73',
  },
  NOT_APPLICANT_OF_RECORD: {
    message: 'Only the person who made the application may do this.',
    citation: 'docs/law.md §1; IPA s.63',
  },
  SPOC_NOT_ACCREDITED: {
    message: 'The sender is not an accredited SPOC (the SPOC role and an authentication PIN).',
    citation: 'docs/law.md §1; CoP15 3.19; IPA s.76',
  },
  SPOC_IS_APPLICANT: {
    message: 'A SPOC may not act on an application they made.',
    citation: 'docs/law.md §1; IPA s.76',
  },
  SPOC_WRONG_AUTHORITY: {
    message: "The SPOC does not serve the applicant's authority; a local authority's applications go through NAFN.",
    citation: 'docs/law.md §2.1; IPA s.74; IOCCO-16; IPCO-17 8.26',
  },
  SERIOUS_CRIME_THRESHOLD_NOT_MET: {
    message: 'Events data for the crime purpose needs an offence that meets the serious-crime test.',
    citation: 'docs/law.md §2.2; IPA s.60A(8), s.86(2A)',
  },
  LOCAL_AUTHORITY_NO_ICR: {
    message: 'A local authority may not obtain internet connection records.',
    citation: 'docs/law.md §2.1; IPA s.62(A1)',
  },
  ICR_CONDITION_REQUIRED: {
    message: 'An internet connection record needs condition A, B or C.',
    citation: 'docs/law.md §2.2; IPA s.62(A2), (2)–(6)',
  },
  ICR_CONDITION_NOT_MET: {
    message: 'The condition given for an internet connection record does not hold: B is for purposes other than crime, C needs the crime purpose and serious crime.',
    citation: 'docs/law.md §2.2; IPA s.62(2)–(6)',
  },
  URGENCY_NOT_JUSTIFIED: {
    message: 'The urgent route needs an urgent priority grade and a justification for this application.',
    citation: 'docs/law.md §2.2; IPA s.61A(1)(c); CoP15 3.66',
    routes: ['dso61A'],
  },
  ROUTE_NOT_URGENT: {
    message: 'Only the urgent dso61A route may go to the authoriser without a SPOC.',
    citation: 'docs/law.md §2.2; IPA s.76(2)–(3)',
    routes: ['ipc60A', 'dso61'],
  },
  SENSITIVE_PROFESSION_NOT_ADDRESSED: {
    message: "The subject is in a profession that handles confidential information: the application must say how that bears on necessity, proportionality and collateral intrusion.",
    citation: 'docs/law.md §3.3; IPA Sch 7 para 2(1)(b); CoP15 3.72–3.77',
  },
  SENSITIVE_PROFESSION_NOT_ADVISED: {
    message: "The subject is in a profession that handles confidential information: the SPOC's advice must address it.",
    citation: 'docs/law.md §3.3, §3.6; IPA s.76(5)–(6); CoP15 3.72–3.77',
  },
  SENSITIVE_PROFESSION_NOT_CONSIDERED: {
    message: "The subject is in a profession that handles confidential information: the grant must say how the decider weighed it.",
    citation: 'docs/law.md §3.3, §3.7; CoP15 3.72–3.77',
  },
  EXCEPTIONAL_CIRCUMSTANCES_REQUIRED: {
    message: 'Going to the authoriser without a SPOC needs the exceptional circumstances written down.',
    citation: 'docs/law.md §2.2; IPA s.76(2)',
  },
  SPOC_ADVICE_REQUIRED: {
    message: "The SPOC's advice must be on record before the application is decided.",
    citation: 'docs/law.md §2.2; IPA s.76(A1), (1)–(3), (5)–(6)',
  },
  AUTHORISER_WRONG_ROUTE: {
    message: "The decider is not the route's authoriser: OCDA for ipc60A, a DSO of the applicant's authority for dso61 and dso61A.",
    citation: 'docs/law.md §2.2; IPA s.60A, s.61, s.61A',
  },
  OCDA_DECISION_DETAILS_REQUIRED: {
    message: "Recording OCDA's decision needs OCDA's reference, the decision time and the authorising officer's name.",
    citation: 'docs/law.md §2.2; IPA s.64',
    routes: ['ipc60A'],
  },
  AUTHORISER_NOT_INDEPENDENT: {
    message: 'The decider is the applicant, the reviewing SPOC or on the investigation team, and no exception is recorded.',
    citation: 'docs/law.md §2.2; IPA s.63',
  },
  INDEPENDENCE_NOT_DECLARED: {
    message: "A DSO's grant needs the DSO's own declaration that they are independent of the investigation, or the exceptional circumstances recorded in which they need not be.",
    citation: 'docs/law.md §3.7; IPA s.63',
    routes: ['dso61', 'dso61A'],
  },
  DSO_SPOC_EXCEPTION_REQUIRED: {
    message: "A DSO granting without a SPOC's advice must record their own finding of the exceptional circumstances, with reasons; the applicant's account is not the DSO's finding.",
    citation: 'docs/law.md §3.7; IPA s.76(1)–(3)',
    routes: ['dso61', 'dso61A'],
  },
  FINDING_REASONS_REQUIRED: {
    message: 'A finding recorded on a decision (imminent threat to life, no SPOC consulted) must give its reasons.',
    citation: 'docs/law.md §3.7; IPA s.76(2), s.77(1)(b), (1A)(b)',
  },
  FINDING_NOT_FOR_ROUTE: {
    message: "On the ipc60A route the finding that no SPOC need be consulted is the applicant's, made at submission, not the authoriser's.",
    citation: 'docs/law.md §3.7; IPA s.76(A1), (2)',
    routes: ['ipc60A'],
  },
  DSO_RANK_INSUFFICIENT: {
    message: 'The DSO does not hold the office Schedule 4 sets for the data sought (police: an inspector for entity data, a superintendent for events data).',
    citation: 'docs/law.md §9; IPA s.70(3), Sch 4 Part 1 columns (3) and (4)',
    routes: ['dso61', 'dso61A'],
  },
  ORAL_GRANT_NOT_URGENT_ROUTE: {
    message: 'An oral grant is possible only on the urgent dso61A route.',
    citation: 'docs/law.md §2.2; IPA s.61A; CoP15 3.65–3.70',
    routes: ['ipc60A', 'dso61'],
  },
  REASON_REQUIRED: {
    message: 'A reason is required (a question, for a request for more information).',
    citation: 'docs/law.md §2.4; IPA s.65(3B), (4); WILTS',
  },
  RATIONALE_REQUIRED: {
    message: "A grant needs the decider's written rationale for this application.",
    citation: 'docs/law.md §2.2; IOCCO-15 7.51',
  },
  AUTHORISATION_PARTICULARS_REQUIRED: {
    message: 'A grant must state the office, rank or position of the person granting it, and the conduct authorised with the data to be obtained.',
    citation: 'docs/law.md §3.7; IPA s.64(1)',
  },
  DECISION_TIME_REQUIRED: {
    message: "A decision recorded on someone else's behalf needs the date and time it was taken, with the offset from UTC.",
    citation: 'docs/law.md §2.3; IPA s.65(1), (3A)',
    routes: ['ipc60A', 'dso61A'],
  },
  DECISION_BEFORE_SUBMISSION: {
    message: 'A recorded decision cannot be dated before the application last went for authorisation.',
    citation: 'docs/law.md §2.3; IPA s.60A(1), s.61(1), s.61A(1)',
    routes: ['ipc60A', 'dso61A'],
  },
  DECISION_IN_FUTURE: {
    message: 'A recorded decision cannot be dated later than the moment it is recorded.',
    citation: 'docs/law.md §2.3; IPA s.65(1), (3A)',
    routes: ['ipc60A', 'dso61A'],
  },
  NOT_JUDICIAL_COMMISSIONER: {
    message: 'Only a Judicial Commissioner may approve or refuse an authorisation that seeks a journalistic source.',
    citation: 'docs/law.md §1; IPA s.77',
  },
  NOT_GRANTING_DSO: {
    message: 'Only the DSO who granted orally may make the written record of the grant.',
    citation: 'docs/law.md §2.3; CoP15 3.69–3.70',
    routes: ['dso61A'],
  },
  NO_WRITTEN_RECORD_OUTSTANDING: {
    message: 'No oral grant awaits its written record.',
    citation: 'docs/law.md §2.3; CoP15 3.69',
  },
  WRITTEN_RECORD_OUTSTANDING: {
    message: "The application cannot be closed, nor its outcome recorded, while an oral grant's written record is outstanding.",
    citation: 'docs/law.md §2.3; CoP15 3.69; AQT 6.69',
    routes: ['dso61A'],
  },
  NOT_YET_EXPIRED: {
    message: 'The scheduler expires an authorisation only once its validity has ended.',
    citation: 'docs/law.md §2.3; IPA s.65(1), (3A)',
  },
  DISCLOSURES_OPEN: {
    message: 'The product waits until every disclosure request is finished and checked.',
    citation: 'docs/law.md §5; CoP06 3.14; IPCO-17 8.24',
  },
  FINAL_PRODUCT_NOT_ISSUED: {
    message: 'There is no final product to issue yet.',
    citation: 'docs/law.md §5; CoP06 3.14',
  },
  NO_DATA_RECEIVED_BEFORE_END: {
    message: 'After cancellation or expiry, a product needs data that arrived before the authorisation ended.',
    citation: 'docs/law.md §5; IPA s.65(1)',
  },
  NOT_ENTITLED_TO_CANCEL: {
    message:
      'On ipc60A only the Investigatory Powers Commissioner (OCDA) or an officer of the authority may cancel; on dso61 and dso61A only the DSO who granted, or another DSO of the authority when that DSO is no longer available. Anyone else with sight of the record may request cancellation.',
    citation: 'docs/law.md §2.5; IPA s.65(3B), (4), (5), s.86(1)',
  },
  GRANTER_UNAVAILABILITY_REQUIRED: {
    message: 'A DSO cancelling an authorisation another DSO granted must record why the DSO who granted it is no longer available.',
    citation: 'docs/law.md §2.5; IPA s.65(4), (5); CoP15 3.61',
    routes: ['dso61', 'dso61A'],
  },
  MAY_CANCEL_DIRECTLY: {
    message: 'The sender may cancel the authorisation themselves: send CANCEL rather than a request.',
    citation: 'docs/law.md §2.5; IPA s.65(3B), (4)',
  },
  SRO_WRONG_AUTHORITY: {
    message: "Only an SRO of the applicant's authority, or a SPOC serving it, may close the application.",
    citation: 'docs/law.md §1; WILTS',
  },
  OUTCOME_REQUIRED: {
    message: 'Record the use made of the data.',
    citation: 'docs/law.md §2.4; IPCO-19 18.38',
  },
  RENEWAL_TOO_LATE: {
    message: 'A renewal must be granted while the original is still authorised and before it ends.',
    citation: 'docs/law.md §2.3; IPA s.65(2)–(3)',
    routes: ['ipc60A', 'dso61'],
  },
  DATA_PERIOD_BEYOND_VALIDITY: {
    message: "A data item's period ends after the authorisation would end.",
    citation: 'docs/law.md §2.3; IPA s.65(1); CoP15 3.51–3.53',
  },
  VALIDITY_ALREADY_ENDED: {
    message: 'A decision recorded so late that its validity has already ended authorises nothing.',
    citation: 'docs/law.md §2.3; IPA s.65(1), (3A)',
  },
  AUTHORISATION_EXPIRED: {
    message: "A Judicial Commissioner's approval cannot revive an authorisation whose validity has ended.",
    citation: 'docs/law.md §2.3; IPA s.77(2), s.65(1)',
  },
};
