import { DomainException } from './domain-exception';
import { parseIfMatch, staleMessage, versionETag } from './if-match';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainException ? error.code : 'not a domain exception';
  }
  return undefined;
}

describe('parseIfMatch (RFC 9110 §13.1.1, strong comparison)', () => {
  it.each([
    ['"3"', 3],
    ['3', 3],
    [' "3" ', 3],
    ['"1", "3"', 3],
    ['W/"3", "3"', 3],
  ])('%s matches version %i', (header, version) => {
    expect(parseIfMatch(header).matches(version)).toBe(true);
  });

  it.each([
    ['W/"3"', 3],
    ['"2"', 3],
    ['"3x"', 3],
    ['"abc"', 3],
    ['"1", "2"', 3],
    ['"03"', 3],
  ])('%s does not match version %i', (header, version) => {
    expect(parseIfMatch(header).matches(version)).toBe(false);
  });

  it('* matches any current record', () => {
    expect(parseIfMatch('*').matches(1)).toBe(true);
    expect(parseIfMatch(' * ').matches(98)).toBe(true);
  });

  it('a missing header is 428 PRECONDITION_REQUIRED; an unreadable one is 400', () => {
    expect(codeOf(() => parseIfMatch(undefined))).toBe('PRECONDITION_REQUIRED');
    expect(codeOf(() => parseIfMatch('  '))).toBe('PRECONDITION_REQUIRED');
    for (const bad of ['abc', '"3', 'W/3', '"3",', '**', '"a b"', '1.5']) {
      expect([bad, codeOf(() => parseIfMatch(bad))]).toEqual([bad, 'VALIDATION_FAILED']);
    }
  });

  it('keeps the header as sent for the refusal', () => {
    expect(parseIfMatch(' W/"3" ').header).toBe('W/"3"');
    expect(staleMessage('application', 4, parseIfMatch('W/"3"'))).toBe(
      'The application is now at version 4 (ETag "4"); If-Match: W/"3" does not match it. Reload it and try again.',
    );
    expect(staleMessage('application', 4)).toBe('The application has changed since version 4 was read; reload it and try again.');
  });

  it('the ETag of a version is that version as a strong validator', () => {
    expect(versionETag(12)).toBe('"12"');
  });
});
