/**
 * The codes of an imported RIPA record in words, for what a person reads (the history of the record:
 * docs/architecture.md §8). Each table is a `Record` over its vocabulary in ripa-record.types.ts, so a new
 * code fails to compile until it has words here. Pure data.
 */
import type { RipaPurpose, RipaRecordField, RipaRecordKind } from './ripa-record.types';

/** RIPA s.22(3) and s.22(4). */
export const RIPA_RECORD_KIND_LABELS: Readonly<Record<RipaRecordKind, string>> = Object.freeze({
  s22_3_authorisation: 'Authorisation to obtain the data (RIPA s.22(3))',
  s22_4_notice: 'Notice to obtain and disclose the data (RIPA s.22(4))',
});

/** The grounds of RIPA s.22(2), each with its letter. */
export const RIPA_PURPOSE_LABELS: Readonly<Record<RipaPurpose, string>> = Object.freeze({
  s22_2_a: '(a) in the interests of national security',
  s22_2_b: '(b) preventing or detecting crime or preventing disorder',
  s22_2_c: '(c) in the interests of the economic well-being of the United Kingdom',
  s22_2_d: '(d) in the interests of public safety',
  s22_2_e: '(e) protecting public health',
  s22_2_f: '(f) assessing or collecting a tax, duty, levy or other charge payable to a government department',
  s22_2_g: '(g) in an emergency, preventing or mitigating death, injury or damage to health',
  s22_2_h: '(h) a purpose specified by an order of the Secretary of State',
});

/** The particulars of a record (docs/law.md §10), as a document prints them; the CSV columns keep the field names. */
export const RIPA_RECORD_FIELD_LABELS: Readonly<Record<RipaRecordField, string>> = Object.freeze({
  originalReference: 'Original reference',
  kind: 'What was granted',
  appliedAt: 'Applied for at',
  grantedAt: 'Granted or given at',
  expiresAt: 'Expired at',
  cancelledAt: 'Cancelled at',
  applicantName: 'Applicant',
  applicantRank: "Applicant's office, rank or position",
  designatedPersonName: 'Designated person',
  designatedPersonRank: "Designated person's office, rank or position",
  necessity: 'Necessity (RIPA s.22(1))',
  proportionality: 'Proportionality (RIPA s.22(5))',
  purpose: 'Ground (RIPA s.22(2))',
  dataSought: 'Data sought',
  csp: 'Operator',
});
