import { DomainException } from './domain-exception';

/**
 * A write's precondition (docs/architecture.md §4 step 4): the `If-Match` header evaluated as
 * RFC 9110 §13.1.1 says, against the record's version, which is its ETag (`"3"`, a strong validator).
 *
 * - `*` matches any current record;
 * - otherwise the header is a list of entity tags, matched by strong comparison (§8.8.3.2): a weak tag
 *   (`W/"3"`) never matches, and neither does a tag that is not a version;
 * - a bare number (`3`) is accepted as `"3"`, for clients that send the version from the body.
 *
 * Missing → 428 (RFC 6585 §3), so no client can overwrite a change it has not seen; a list that cannot
 * be read at all → 400; a well-formed list that does not match → the aggregate's 412 `*_STALE`.
 */
export interface IfMatch {
  /** True when the header matches a record at `version`. */
  matches(version: number): boolean;
  /** The header as sent, for the refusal's message. */
  readonly header: string;
}

/** An entity tag (RFC 9110 §8.8.3: `W/"…"` or `"…"`, etagc = %x21 / %x23-7E / obs-text) or a bare version. */
const ELEMENT = /^(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"$|^(\d{1,9})$/;

export function parseIfMatch(header: string | undefined): IfMatch {
  if (header === undefined || header.trim() === '') {
    throw new DomainException('PRECONDITION_REQUIRED', 'Send If-Match with the ETag (the version) of the record you are changing.');
  }
  const text = header.trim();
  if (text === '*') return { header: text, matches: () => true };
  const versions = new Set<number>();
  for (const element of text.split(',').map((part) => part.trim())) {
    const match = ELEMENT.exec(element);
    if (!match) {
      throw new DomainException('VALIDATION_FAILED', 'If-Match must be the ETag you received, e.g. "3", or *.', {
        errors: [{ field: 'If-Match', message: 'must be an entity tag such as "3", a list of them, or *', code: 'isEntityTag' }],
      });
    }
    const [, weak, opaque, bare] = match;
    // Strong comparison is character by character: only the exact tag we send ("3", never "03") matches.
    const version = bare ?? (weak === undefined && /^(?:0|[1-9]\d{0,8})$/.test(opaque) ? opaque : undefined);
    if (version !== undefined) versions.add(Number(version));
  }
  return { header: text, matches: (version) => versions.has(version) };
}

/** The strong ETag of a record at `version` (RFC 9110 §8.8.3). */
export function versionETag(version: number): string {
  return `"${version}"`;
}

/** The plain-English refusal for a failed precondition on a `noun` at `version`. */
export function staleMessage(noun: string, version: number, ifMatch?: IfMatch): string {
  return ifMatch
    ? `The ${noun} is now at version ${version} (ETag ${versionETag(version)}); If-Match: ${ifMatch.header} does not match it. Reload it and try again.`
    : `The ${noun} has changed since version ${version} was read; reload it and try again.`;
}
