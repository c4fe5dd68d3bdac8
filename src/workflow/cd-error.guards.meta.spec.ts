import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeGuardDocumentation, exportedFunctions } from '../../test/support/exported-functions';
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

  describeGuardDocumentation({
    guardsSource,
    specSource,
    specFile: 'cd-error.guards.spec.ts',
    sourceTag: SOURCE_TAG,
    probeCitation: 'Cites docs/law.md §4.1 (IPCO-19 18.26).',
  });
});

describeGuardReads('CD_ERROR_GUARD_READS', CD_ERROR_UNDER_TEST);
