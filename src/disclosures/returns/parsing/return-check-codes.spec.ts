import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RETURN_CHECK_CATALOGUE, RETURN_CHECK_CODES } from './return-check-codes';

const RETURNS_DOC = readFileSync(resolve(__dirname, '../../../../docs/returns.md'), 'utf8');

describe('RETURN_CHECK_CATALOGUE', () => {
  it('describes exactly the codes of RETURN_CHECK_CODES, in the same order', () => {
    expect(Object.keys(RETURN_CHECK_CATALOGUE)).toEqual([...RETURN_CHECK_CODES]);
  });

  it.each(RETURN_CHECK_CODES)('gives %s a plain-English sentence and a citation of docs/law.md', (code) => {
    const { message, citation } = RETURN_CHECK_CATALOGUE[code];
    expect(message).toMatch(/^[A-Z].{20,}\.$/);
    // Plain English: no code names or field names in the words people read.
    expect(message).not.toMatch(/[A-Z]{2,}_[A-Z]|[a-z]_[a-z]/);
    expect(citation).toMatch(/docs\/law\.md §\d/);
  });

  it.each(RETURN_CHECK_CODES)('is documented in docs/returns.md: %s', (code) => {
    expect(RETURNS_DOC).toContain(`\`${code}\``);
  });
});
