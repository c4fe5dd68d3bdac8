/**
 * Records of communications data acquired before the IPA regime, under RIPA 2000 Part 1 Chapter 2: an
 * authorisation under RIPA s.22(3) or a notice under s.22(4), granted or given by a designated person
 * (s.25(2)). Authorities keep, produce and report on them, so they are imported as application records on a
 * route of their own that no workflow event can move (docs/architecture.md §12: one workflow core, with a
 * state that has no outgoing transition). Pure types and constant lists: no Nest, no TypeORM, no I/O.
 */

/** The route of an imported RIPA record: never a route an application can be made on (RIPA s.22, not IPA Part 3). */
export const RIPA_ROUTE = 'ripa22' as const;
export type RipaRoute = typeof RIPA_ROUTE;

/**
 * The one state an imported RIPA record is in. It is entered only by import and defines no event, so the
 * application engine refuses every event sent to such a record.
 */
export const RIPA_RECORD_STATE = 'ripaRecord' as const;

/** What was granted: an authorisation to obtain the data (RIPA s.22(3)), or a notice to a CSP to obtain and disclose it (s.22(4)). */
export const RIPA_RECORD_KINDS = ['s22_3_authorisation', 's22_4_notice'] as const;
export type RipaRecordKind = (typeof RIPA_RECORD_KINDS)[number];

/** The grounds of RIPA s.22(2), by their letters (a)–(h). */
export const RIPA_PURPOSES = ['s22_2_a', 's22_2_b', 's22_2_c', 's22_2_d', 's22_2_e', 's22_2_f', 's22_2_g', 's22_2_h'] as const;
export type RipaPurpose = (typeof RIPA_PURPOSES)[number];

/**
 * One record made under RIPA, as it was: the original reference and dates (instants with the offset they were
 * written with), the applicant and the designated person by name and office, rank or position (s.25(2)), the
 * designated person's considerations of necessity and proportionality (s.22(1), (5)), the ground (s.22(2)),
 * the data sought and the CSP. `expiresAt` and `cancelledAt` are null where the record does not say.
 */
export interface RipaRecordParticulars {
  originalReference: string;
  kind: RipaRecordKind;
  appliedAt: string;
  grantedAt: string;
  expiresAt: string | null;
  cancelledAt: string | null;
  applicantName: string;
  applicantRank: string;
  designatedPersonName: string;
  designatedPersonRank: string;
  necessity: string;
  proportionality: string;
  purpose: RipaPurpose;
  dataSought: string;
  csp: string;
}

/** Every field of a record, in the order of the import's CSV header (the column names are the field names). */
export const RIPA_RECORD_FIELDS = [
  'originalReference',
  'kind',
  'appliedAt',
  'grantedAt',
  'expiresAt',
  'cancelledAt',
  'applicantName',
  'applicantRank',
  'designatedPersonName',
  'designatedPersonRank',
  'necessity',
  'proportionality',
  'purpose',
  'dataSought',
  'csp',
] as const satisfies readonly (keyof RipaRecordParticulars)[];
export type RipaRecordField = (typeof RIPA_RECORD_FIELDS)[number];

/** The fields a record may leave out: a record need not say when it expired or whether it was cancelled. */
export const OPTIONAL_RIPA_RECORD_FIELDS: readonly RipaRecordField[] = ['expiresAt', 'cancelledAt'];

/** Both ways round: the field list names every field of a record, and nothing else. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const RIPA_RECORD_FIELDS_COMPLETE: Same<RipaRecordField, keyof RipaRecordParticulars> = true;
