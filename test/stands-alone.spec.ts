import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

// The check is plain, type-checked CommonJS so that `npm run lint` runs it without a build.
import { findOutsidePaths } from '../scripts/check-stands-alone';

const repoRoot = resolve(__dirname, '..');

/** A throwaway tree (not a git checkout, so the check walks it) with the given files. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'stands-alone-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

describe('the repository stands alone (scripts/check-stands-alone.js)', () => {
  const made: string[] = [];
  const check = (files: Record<string, string>) => {
    const root = tree(files);
    made.push(root);
    return findOutsidePaths(root);
  };
  afterAll(() => made.forEach((root) => rmSync(root, { recursive: true, force: true })));

  it('finds nothing in this repository', () => {
    expect(findOutsidePaths(repoRoot)).toEqual([]);
  });

  it('fails when the working-days spec reads the bank-holiday feed from a sibling folder again', () => {
    const spec = readFileSync(join(repoRoot, 'src/workflow/working-days.spec.ts'), 'utf8');
    // The sibling folder the feed was once read from, three steps above src/workflow.
    const sibling = ['..', '..', '..', 'shared', 'data', ''].join('/');
    const broken = spec.replace('../../test/fixtures/bank-holidays/', sibling); // stands-alone: sample
    expect(broken).not.toEqual(spec);
    const findings = check({ 'src/workflow/working-days.spec.ts': broken, 'docs/law.md': '# Law\n' });
    expect(findings).toContainEqual(
      expect.objectContaining({
        file: 'src/workflow/working-days.spec.ts',
        text: `${sibling}uk-bank-holidays-england-and-wales-2018-2025.json`,
        reason: 'climbs above the repository root',
      }),
    );
  });

  it('allows relative paths that stay inside, and system tool paths', () => {
    expect(
      check({
        'src/workflow/a.ts': "import '../../test/support/x';\nconst chromium = '/usr/bin/chromium';\n", // stands-alone: sample
        'test/support/x.ts': "// pg_ctlcluster $(ls /etc/postgresql) main start\nexport {};\n",
        '.ci/run': 'cd "$(dirname "$0")/.."\n',
      }),
    ).toEqual([]);
  });

  it("flags absolute paths of a developer's machine", () => {
    const findings = check({
      'README.md': 'Clone to /home/alice/cd and read C:\\Users\\bob\\notes.\n', // stands-alone: sample
      'src/x.ts': "const feed = '/work/shared/data/feed.json';\n", // stands-alone: sample
    });
    expect(findings.map((f) => [f.file, f.text])).toEqual([
      ['README.md', '/home/alice'], // stands-alone: sample
      ['README.md', 'C:\\Users\\'],
      ['src/x.ts', '/work/shared'], // stands-alone: sample
    ]);
  });

  it('flags a document the repository does not have, and a section its headings do not name', () => {
    const findings = check({
      'docs/law.md': '# The law\n\n## §2 Lifecycle\n\n### §2.3 Time limits\n',
      'src/a.ts': [
        '/** Validity (docs/law.md §2.3). */',
        '/** Routes (docs/law.md §2.1). */',
        '/** Guards (DOMAIN.md §2.2). */', // stands-alone: sample
        '/** See the README.md and ../docs/law.md. */',
      ].join('\n'),
    });
    expect(findings.map((f) => [f.line, f.text, f.reason])).toEqual([
      [2, 'docs/law.md §2.1', 'names §2.1, which is not a heading of docs/law.md'],
      [3, 'DOMAIN.md §2.2', 'names a document that is not in the repository'], // stands-alone: sample
      [4, 'README.md', 'names a document that is not in the repository'],
    ]);
  });

  it('lets a line carry a traversal string as attack data when it says so', () => {
    expect(check({ 'test/fuzz.ts': "const bad = '../../../etc/passwd'; // stands-alone: sample\n" })).toEqual([]);
  });
});
