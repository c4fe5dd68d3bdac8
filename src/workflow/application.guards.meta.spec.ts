import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportedFunctions, hasDescribe } from '../../test/support/exported-functions';

/**
 * Meta-test: every function exported from application.guards.ts has TSDoc citing docs/law.md
 * immediately above it and its own `describe('<name>'` block in application.guards.spec.ts
 * (docs/architecture.md §9: TSDoc on exported workflow rules cites the rule).
 */
const guardsSource = readFileSync(join(__dirname, 'application.guards.ts'), 'utf8');
const specSource = readFileSync(join(__dirname, 'application.guards.spec.ts'), 'utf8');

describe('application.guards meta', () => {
  const functions = exportedFunctions(guardsSource);

  it('finds the exported guard functions', () => {
    expect(functions.length).toBeGreaterThanOrEqual(25);
    expect(functions.map((f) => f.name)).toEqual(
      expect.arrayContaining(['formComplete', 'authoriserIndependent', 'seriousCrimeThreshold']),
    );
  });

  it('declares guards as functions, never as exported arrow constants', () => {
    const arrows = guardsSource.match(/^export const \w+\s*(?::[^=]+)?=\s*(?:\([^)]*\)|\w+)\s*=>/gm) ?? [];
    expect(arrows).toEqual([]);
  });

  it('has TSDoc citing docs/law.md immediately above every exported function', () => {
    const missing = functions.filter((f) => f.doc === null || !f.doc.includes('docs/law.md')).map((f) => f.name);
    expect(missing).toEqual([]);
  });

  it('has a describe block for every exported function in application.guards.spec.ts', () => {
    const missing = functions.filter((f) => !hasDescribe(specSource, f.name)).map((f) => f.name);
    expect(missing).toEqual([]);
  });

  it('the scanner itself notices a missing TSDoc and a missing describe', () => {
    const probe = [
      '/** Cites docs/law.md §2.2. */',
      'export function documented(input: GuardInput) {}',
      '// a line comment is not TSDoc',
      'export function undocumented(input: GuardInput) {}',
      '/** Documented but cites nothing. */',
      'export function uncited(input: GuardInput) {}',
    ].join('\n');
    const scanned = exportedFunctions(probe);
    expect(scanned).toEqual([
      { name: 'documented', doc: ' Cites docs/law.md §2.2. ' },
      { name: 'undocumented', doc: null },
      { name: 'uncited', doc: ' Documented but cites nothing. ' },
    ]);
    expect(hasDescribe("describe('documented', () => {})", 'documented')).toBe(true);
    expect(hasDescribe("describe('documentedElse', () => {})", 'documented')).toBe(false);
  });
});
