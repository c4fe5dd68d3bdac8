import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportedFunctions, hasDescribe } from '../../test/support/exported-functions';
import { APPLICATION_UNDER_TEST } from '../../test/support/workflow-arbitraries';
import { describeGuardReads } from '../../test/support/workflow-properties';

/**
 * Meta-test: every function exported from an application guard file (application-guards.<concern>.ts,
 * re-exported by application.guards.ts) has TSDoc citing docs/law.md immediately above it and its own
 * `describe('<name>'` block in the spec of the same concern, application-guards.<concern>.spec.ts
 * (docs/architecture.md §9: TSDoc on exported workflow rules cites the rule). Every such file is scanned,
 * those that export no function (rule codes, facts) included, except application-guards.support.ts: it
 * holds the helpers the guard files share, and application.guards.ts does not re-export it.
 */
const SUPPORT_FILE = 'application-guards.support.ts';

/** `application-guards.<concern>.ts`; a spec (`<concern>.spec.ts`) does not match. */
const GUARD_FILE = /^application-guards\.[\w-]+\.ts$/;

const guardFiles = readdirSync(__dirname)
  .filter((file) => GUARD_FILE.test(file) && file !== SUPPORT_FILE)
  .sort()
  .map((file) => {
    const specFile = file.replace(/\.ts$/, '.spec.ts');
    const specPath = join(__dirname, specFile);
    return {
      file,
      source: readFileSync(join(__dirname, file), 'utf8'),
      specFile,
      specSource: existsSync(specPath) ? readFileSync(specPath, 'utf8') : '',
    };
  });
const barrelSource = readFileSync(join(__dirname, 'application.guards.ts'), 'utf8');

describe('application.guards meta', () => {
  const functions = guardFiles.flatMap(({ file, source, specFile, specSource }) =>
    exportedFunctions(source).map((f) => ({ ...f, file, specFile, specSource })),
  );

  it('finds the exported guard functions', () => {
    expect(guardFiles.map((g) => g.file)).toEqual(
      expect.arrayContaining([
        'application-guards.form.ts',
        'application-guards.authoriser.ts',
        'application-guards.validity.ts',
        'application-guards.closure.ts',
      ]),
    );
    expect(functions.length).toBeGreaterThanOrEqual(25);
    expect(functions.map((f) => f.name)).toEqual(
      expect.arrayContaining(['formComplete', 'authoriserIndependent', 'seriousCrimeThreshold']),
    );
    const notReExported = guardFiles
      .map((g) => `export * from './${g.file.replace(/\.ts$/, '')}';`)
      .filter((line) => !barrelSource.includes(line));
    expect(notReExported).toEqual([]);
    expect(barrelSource).not.toMatch(/from '\.\/application-guards\.support'/);
  });

  it('declares guards as functions, never as exported arrow constants', () => {
    const arrows = guardFiles.flatMap(
      ({ source }) => source.match(/^export const \w+\s*(?::[^=]+)?=\s*(?:\([^)]*\)|\w+)\s*=>/gm) ?? [],
    );
    expect(arrows).toEqual([]);
  });

  it('has TSDoc citing docs/law.md immediately above every exported function', () => {
    const missing = functions
      .filter((f) => f.doc === null || !f.doc.includes('docs/law.md'))
      .map((f) => `${f.file}: ${f.name}`);
    expect(missing).toEqual([]);
  });

  it('has a describe block for every exported function in the spec of its concern', () => {
    const missing = functions
      .filter((f) => !hasDescribe(f.specSource, f.name))
      .map((f) => `${f.specFile}: ${f.name}`);
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
    expect(GUARD_FILE.test('application-guards.form.ts')).toBe(true);
    expect(GUARD_FILE.test('application-guards.form.spec.ts')).toBe(false);
  });
});

describeGuardReads('APPLICATION_GUARD_READS', APPLICATION_UNDER_TEST);
