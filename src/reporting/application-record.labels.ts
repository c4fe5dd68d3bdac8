/**
 * Words for the codes the record PDF prints that no table in src/workflow holds: the checks of a CSP's
 * return, the record types of a return, products and their dissemination (docs/architecture.md §14: a
 * document shows no code). The tables are this feature's own, as a feature never imports another's
 * internals (docs/architecture.md §3); each is a `Record` over the type the other feature's public API
 * gives, so a new code fails to compile until it has words here. Pure data and functions: the worker
 * loads them.
 */
import type { AcquiredCheck } from '../disclosures/public-api';
import type { DisseminationEntry, IssuedProduct } from '../products/public-api';
import { spellOut } from '../pdf/plain-english';
import { APPLICANT_DETAILS_LABELS, APPLICATION_FORM_FIELD_LABELS, SPOC_SECTION_FIELD_LABELS } from '../workflow/application-form.labels';
import { RIPA_RECORD_FIELD_LABELS } from '../workflow/ripa-record.labels';

/** Each check a CSP's return goes through (docs/returns.md §5), named by what it asks of the return. */
export const RETURN_CHECK_LABELS: Readonly<Record<AcquiredCheck['code'], string>> = Object.freeze({
  IDENTIFIER_NOT_REQUESTED: 'The identifier is the one asked for',
  OUTSIDE_PERIOD: 'Within the period asked for',
  DATA_TYPE_NOT_REQUESTED: 'Data of the type asked for',
  ADDRESS_TYPE_MISMATCH: 'An IP resolution gives the installation address',
  CONTENT_SUSPECTED: 'No content of communications',
  EXCESS_DATA: 'No more data than asked for',
  AMBIGUOUS_LOCAL_TIME: 'Every time can be placed',
  AFTER_END: 'Arrived while the authorisation was in force',
  PARTS_MISSING: 'Every part of the delivery arrived',
});

/** The SPOC's review of a failed check (docs/returns.md §12). */
export const CHECK_REVIEW_LABELS: Readonly<Record<NonNullable<AcquiredCheck['reviewDecision']>, string>> = Object.freeze({
  accepted: 'Accepted',
  raisedAsError: 'Raised as an error',
});

/** The tables a return's rows are read into (docs/returns.md §2). */
export const RETURN_RECORD_TYPE_LABELS: Readonly<Record<string, string>> = Object.freeze({
  subscriber: 'Subscriber details',
  callDataRecord: 'Call records',
  ipResolution: 'IP address resolutions',
});

export const PRODUCT_KIND_LABELS: Readonly<Record<IssuedProduct['kind'], string>> = Object.freeze({
  interim: 'Interim product',
  final: 'Final product',
});

export const PRODUCT_HANDLING_LABELS: Readonly<Record<IssuedProduct['handling'], string>> = Object.freeze({
  intelligence: 'Intelligence only',
  evidential: 'Evidential',
});

export const DISSEMINATION_ACTION_LABELS: Readonly<Record<DisseminationEntry['action'], string>> = Object.freeze({
  sent: 'Sent by the SPOC',
  downloaded: 'Downloaded',
});

/** Who made the finding that no SPOC need be consulted (IPA s.76; docs/law.md §3.7 findings). */
export const FINDING_MADE_BY_LABELS: Readonly<Record<'applicant' | 'designatedSeniorOfficer', string>> = Object.freeze({
  applicant: 'The applicant',
  designatedSeniorOfficer: 'The designated senior officer',
});

/**
 * A field a history row names, in words: a form field (`necessity`), one of the SPOC's section
 * (`spoc.spocAdvice`), a particular of an imported record (`ripa.originalReference`), or the team.
 */
export function fieldWords(field: string): string {
  const [head, rest] = field.includes('.') ? [field.slice(0, field.indexOf('.')), field.slice(field.indexOf('.') + 1)] : [field, ''];
  const from = (table: Readonly<Record<string, string>>, key: string): string =>
    Object.prototype.hasOwnProperty.call(table, key) ? table[key] : spellOut(key);
  if (head === 'spoc' && rest !== '') return from(SPOC_SECTION_FIELD_LABELS, rest);
  if (head === 'ripa' && rest !== '') return from(RIPA_RECORD_FIELD_LABELS, rest);
  if (head === 'applicantDetails' && rest !== '') return from(APPLICANT_DETAILS_LABELS, rest);
  if (field === 'teamMemberIds') return 'Investigation team';
  return from(APPLICATION_FORM_FIELD_LABELS, field);
}

/** Fields in words, joined for one line, or "None". */
export function fieldsInWords(fields: readonly string[]): string {
  return fields.length === 0 ? 'None' : fields.map(fieldWords).join('; ');
}
