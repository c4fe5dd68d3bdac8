/**
 * Words for the codes the record PDF prints that no other table holds: a check's review, the dissemination
 * of a product, who made a finding (docs/architecture.md §14: a document shows no code). The checks of a
 * return and a product's kind, handling and record types are worded in src/workflow (return-checks.ts,
 * product.labels.ts); each table here is a `Record` over the type the other feature's public API gives, so a
 * new code fails to compile until it has words. Pure data and functions: the worker loads them.
 */
import type { AcquiredCheck } from '../disclosures/public-api';
import type { DisseminationEntry } from '../products/public-api';
import { spellOut } from '../pdf/plain-english';
import { APPLICANT_DETAILS_LABELS, APPLICATION_FORM_FIELD_LABELS, SPOC_SECTION_FIELD_LABELS } from '../workflow/application-form.labels';
import { RIPA_RECORD_FIELD_LABELS } from '../workflow/ripa-record.labels';

/** The SPOC's review of a failed check (docs/returns.md §12). */
export const CHECK_REVIEW_LABELS: Readonly<Record<NonNullable<AcquiredCheck['reviewDecision']>, string>> = Object.freeze({
  accepted: 'Accepted',
  raisedAsError: 'Raised as an error',
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
