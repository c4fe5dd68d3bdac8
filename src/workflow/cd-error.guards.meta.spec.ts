import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportedFunctions, hasDescribe } from '../../test/support/exported-functions';
import { CD_ERROR_UNDER_TEST } from '../../test/support/workflow-arbitraries';
import { describeGuardReads } from '../../test/support/workflow-properties';

/**
 * Meta-test: every function exported from cd-error.guards.ts and the files it re-exports
 * (cd-error-guards.<concern>.ts, the shared support file aside) has TSDoc immediately above it citing
 * docs/law.md and a source tag (docs/law.md §0 source key), and its own `describe('<name>'` block in
 * cd-error.guards.spec.ts (docs/architecture.md §9: TSDoc on exported workflow rules cites the rule).
 */
const GUARD_FILES = readdirSync(__dirname)
  .filter((file) => file === 'cd-error.guards.ts' || (/^cd-error-guards\.[\w-]+\.ts$/.test(file) && !file.endsWith('.spec.ts') && file !== 'cd-error-guards.support.ts'))
  .sort();
const guardsSource = GUARD_FILES.map((file) => readFileSync(join(__dirname, file), 'utf8')).join('\n');
const specSource = readFileSync(join(__dirname, 'cd-error.guards.spec.ts'), 'utf8');

/** Source tags of docs/law.md §0 (IPA-231, CoP15, IPCO-18, IPCO-ERR, IOCCO-FORMS, …). */
const SOURCE_TAG =
  /\b(?:IPA-\d+[A-Z]?|IPA s\.\d+|CoP\d{2}|IPCO-(?:\d{2}|ERR)|IOCCO-(?:\d{2}|FORMS)|DRAR-8|RIPA-23|AQT|WILTS|HANS18|PFD)\b/;

describe('cd-error.guards meta', () => {
  const functions = exportedFunctions(guardsSource);

  it('reads the guard files cd-error.guards.ts re-exports, and every one of them', () => {
    expect(GUARD_FILES).toEqual(['cd-error-guards.deadlines.ts', 'cd-error-guards.ipc.ts', 'cd-error.guards.ts']);
    const barrel = readFileSync(join(__dirname, 'cd-error.guards.ts'), 'utf8');
    for (const file of GUARD_FILES.filter((f) => f !== 'cd-error.guards.ts')) expect(barrel).toContain(`export * from './${file.replace(/\.ts$/, '')}';`);
  });

  it('finds the exported guard and deadline functions', () => {
    expect(functions.length).toBeGreaterThanOrEqual(18);
    expect(functions.map((f) => f.name)).toEqual(
      expect.arrayContaining(['actorInErrorAuthority', 'ipcReportComplete', 'reportDueAt', 'reminderDue']),
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

  it('has a source tag in the TSDoc of every exported function', () => {
    const missing = functions.filter((f) => f.doc === null || !SOURCE_TAG.test(f.doc)).map((f) => f.name);
    expect(missing).toEqual([]);
  });

  it('has a describe block for every exported function in cd-error.guards.spec.ts', () => {
    const missing = functions.filter((f) => !hasDescribe(specSource, f.name)).map((f) => f.name);
    expect(missing).toEqual([]);
  });

  it('the scanner itself notices a missing TSDoc, a missing citation and a missing describe', () => {
    const probe = [
      '/** Cites docs/law.md §4.1 (IPCO-19 18.26). */',
      'export function documented(input: CdErrorGuardInput) {}',
      '// a line comment is not TSDoc',
      'export function undocumented(input: CdErrorGuardInput) {}',
      '/** Cites docs/law.md §4 but no source. */',
      'export function untagged(input: CdErrorGuardInput) {}',
    ].join('\n');
    const scanned = exportedFunctions(probe);
    expect(scanned.map((f) => f.name)).toEqual(['documented', 'undocumented', 'untagged']);
    expect(scanned[1].doc).toBeNull();
    expect(SOURCE_TAG.test(scanned[0].doc ?? '')).toBe(true);
    expect(SOURCE_TAG.test(scanned[2].doc ?? '')).toBe(false);
    expect(hasDescribe("describe('documented', () => {})", 'documented')).toBe(true);
    expect(hasDescribe("describe('documentedElse', () => {})", 'documented')).toBe(false);
  });
});

describeGuardReads('CD_ERROR_GUARD_READS', CD_ERROR_UNDER_TEST);
