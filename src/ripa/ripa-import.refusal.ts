import { DomainException, type FieldError } from '../http/domain-exception';

/** Where in the upload an error is: the whole upload first, then by line or index. */
const placeOf = (error: FieldError): number => error.line ?? error.index ?? -1;

/**
 * The one refusal of an import (400 `RIPA_IMPORT_INVALID`): nothing was stored, and `errors` names every
 * problem found, each with its record's CSV line or JSON index and its field, in the upload's order.
 */
export function importRefused(found: readonly FieldError[]): DomainException {
  const errors = [...found].sort((a, b) => placeOf(a) - placeOf(b));
  const records = new Set(errors.map(placeOf)).size;
  return new DomainException(
    'RIPA_IMPORT_INVALID',
    `Nothing was imported: ${errors.length} problem(s) in ${records} place(s) of the upload. Each error names the line (CSV) or index (JSON) and the field; correct them and send the whole file again.`,
    { errors },
  );
}
