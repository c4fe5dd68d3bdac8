import { DomainException } from './domain-exception';

/**
 * The version a write is based on (docs/architecture.md §4): `If-Match: 3`, `"3"` or `W/"3"`. Missing → 428, so no
 * client can overwrite a change it has not seen.
 */
export function parseIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') {
    throw new DomainException('PRECONDITION_REQUIRED', 'Send If-Match with the version you are changing.');
  }
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) {
    throw new DomainException('VALIDATION_FAILED', 'If-Match must be a version number.', {
      errors: [{ field: 'If-Match', message: 'must be a version number, e.g. "3"', code: 'isVersion' }],
    });
  }
  return Number(match[1]);
}
