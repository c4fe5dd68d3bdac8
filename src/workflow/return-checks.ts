/**
 * The checks a CSP's return goes through, as vocabulary: the codes and their words for what a person reads.
 * Pure data, so that what renders a document (a worker thread) reads it without loading the feature that
 * runs the checks (src/disclosures/returns/parsing, which describes each and cites the rule: docs/returns.md §5).
 */

/**
 * Every check code, in the order a row's flags are listed. The row checker decides the first seven; the
 * pipeline decides `AFTER_END` and `PARTS_MISSING`, which need the request's history and the whole
 * delivery rather than one row.
 */
export const RETURN_CHECK_CODES = [
  'IDENTIFIER_NOT_REQUESTED',
  'OUTSIDE_PERIOD',
  'DATA_TYPE_NOT_REQUESTED',
  'ADDRESS_TYPE_MISMATCH',
  'CONTENT_SUSPECTED',
  'EXCESS_DATA',
  'AMBIGUOUS_LOCAL_TIME',
  'AFTER_END',
  'PARTS_MISSING',
] as const;
export type ReturnCheckCode = (typeof RETURN_CHECK_CODES)[number];

/**
 * Each check in a few words, named by what it asks of the return, for what a person reads (a product's
 * verification statement, the application record: docs/architecture.md §14).
 */
export const RETURN_CHECK_LABELS: Readonly<Record<ReturnCheckCode, string>> = Object.freeze({
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
