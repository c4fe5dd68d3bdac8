/**
 * How much one import of records made under RIPA 2000 may carry. One import is one transaction, all or
 * nothing, so it is bounded both in bytes and in records.
 */

/**
 * The largest CSV file, in bytes: a few hundred records with long considerations. A JSON array is held to the
 * service's one JSON body limit (Express's 100 kB), like every other body.
 */
export const RIPA_CSV_MAX_BYTES = 1024 * 1024;

/** The most records one import may hold. */
export const RIPA_IMPORT_MAX_RECORDS = 500;

/** The longest original reference: the width of its column (`application.ripa_reference`). */
export const RIPA_REFERENCE_MAX = 100;
