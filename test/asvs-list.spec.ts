import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// The check is plain, type-checked CommonJS so that `npm run lint` runs it without a build.
import { checkAsvs, HEADING, repoReader } from '../scripts/check-asvs';

const repoRoot = resolve(__dirname, '..');

interface Requirement {
  id: string;
  level: number;
  chapter: string;
  text: string;
}

interface Fixture {
  source: { repository: string; path: string; commit: string };
  requirements: Requirement[];
}

const fixture = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/asvs-5.0.0-level2.json'), 'utf8')) as Fixture;

/** A small standard of three ids, for the synthetic cases. */
const SMALL: Fixture = {
  source: { repository: 'https://github.com/OWASP/ASVS', path: 'synthetic', commit: '0'.repeat(40) },
  requirements: ['V1.1.1', 'V1.2.1', 'V2.1.1'].map((id) => ({ id, level: 1, chapter: 'V1 Synthetic', text: `Verify ${id}.` })),
};

/** A repository of two files: one test file with one test, and a document. */
const FILES: Record<string, string> = {
  'test/thing.e2e-spec.ts': "it('refuses a bad thing with 400', () => undefined);\n",
  'docs/notes.txt': '# Notes\n',
};
const read = (path: string): string | null => FILES[path] ?? null;

/** The document with the section holding these rows (each `[id, verdict, how, test or reason]`). */
function document(rows: string[][]): string {
  return [
    '# Security',
    '',
    HEADING,
    '',
    '| id | verdict | how | test or reason |',
    '|---|---|---|---|',
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
    '',
    '## The next section',
    '',
    '| V9.9.9 | not a row of the list | — | — |',
    '',
  ].join('\n');
}

const GOOD = [
  ['V1.1.1', 'met', 'checked at the door', '`test/thing.e2e-spec.ts` "refuses a bad thing with 400"'],
  ['V1.2.1', 'not applicable', '—', 'The service has no such feature.'],
  ['V2.1.1', 'gap', 'part of it exists (`docs/notes.txt`)', 'Untested: no test holds the rest.'],
];

/** GOOD with the row of `id` replaced (or left out when `replacement` is null). */
const withRow = (id: string, replacement: string[] | null): string[][] =>
  GOOD.flatMap((row) => (row[0] !== id ? [row] : replacement ? [replacement] : []));

describe('the ASVS 5.0 Level 2 list of docs/security.md (scripts/check-asvs.js)', () => {
  describe('the committed list of the standard’s ids', () => {
    it('is ASVS 5.0.0’s Level 2: levels 1 and 2 only, each id once, in the standard’s order, over V1 to V17', () => {
      const ids = fixture.requirements.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(fixture.requirements.every((r) => /^V\d+\.\d+\.\d+$/.test(r.id) && (r.level === 1 || r.level === 2) && r.text.startsWith('Verify'))).toBe(true);
      const key = (id: string) => id.slice(1).split('.').map(Number);
      const sorted = [...ids].sort((a, b) => {
        const [x, y] = [key(a), key(b)];
        return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
      });
      expect(ids).toEqual(sorted);
      expect(new Set(ids.map((id) => id.split('.')[0]))).toEqual(new Set(Array.from({ length: 17 }, (_, i) => `V${i + 1}`)));
      expect(ids.length).toBe(253);
      expect(fixture.source).toMatchObject({ repository: 'https://github.com/OWASP/ASVS', commit: expect.stringMatching(/^[0-9a-f]{40}$/) });
    });
  });

  it('finds every id of the standard once in docs/security.md, each with a verdict it backs', () => {
    const markdown = readFileSync(join(repoRoot, 'docs/security.md'), 'utf8');
    const result = checkAsvs(fixture, markdown, repoReader(repoRoot));
    expect(result.problems).toEqual([]);
    expect(result.rows).toBe(fixture.requirements.length);
    expect(result.counts.met + result.counts['not applicable'] + result.counts.gap).toBe(fixture.requirements.length);
  });

  describe('catches', () => {
    const problems = (rows: string[][]) => checkAsvs(SMALL, document(rows), read).problems;

    it('nothing in a table that keeps the rules (control for the cases below)', () => {
      expect(problems(GOOD)).toEqual([]);
      expect(checkAsvs(SMALL, document(GOOD), read).counts).toEqual({ met: 1, 'not applicable': 1, gap: 1 });
    });

    it('an id of the standard missing from the table', () => {
      expect(problems(withRow('V1.2.1', null))).toEqual([expect.stringContaining('V1.2.1 (a Level 2 requirement of ASVS 5.0.0) is missing from the table')]);
    });

    it('an id that is not one of the standard’s Level 2', () => {
      expect(problems([...GOOD, ['V1.2.9', 'not applicable', '—', 'The service has no such feature.']])).toEqual([
        expect.stringContaining('V1.2.9 is not a Level 2 requirement of ASVS 5.0.0'),
      ]);
    });

    it('a cell that is not an id at all', () => {
      expect(problems([...GOOD, ['1.2.1', 'met', 'done', '`test/thing.e2e-spec.ts`']])).toEqual([expect.stringContaining('"1.2.1" is not an ASVS 5.0 requirement id')]);
    });

    it('an id listed twice', () => {
      expect(problems([...GOOD, ['V2.1.1', 'gap', '—', 'Nothing covers it yet.']])).toEqual([expect.stringMatching(/V2\.1\.1 is listed twice \(first on line \d+\)/)]);
    });

    it('a verdict that is not one of the three', () => {
      expect(problems(withRow('V1.2.1', ['V1.2.1', 'partly met', 'some of it', 'More is needed here.']))).toEqual([
        expect.stringContaining('V1.2.1 has the verdict "partly met"; it must be one of "met", "not applicable", "gap"'),
      ]);
    });

    it('a met row that names no test', () => {
      expect(problems(withRow('V1.1.1', ['V1.1.1', 'met', 'checked at the door', 'the door check, see `docs/notes.txt`']))).toEqual([
        expect.stringContaining('V1.1.1 is met but names no test file'),
      ]);
    });

    it('a met row that names a test file the repository does not have', () => {
      expect(problems(withRow('V1.1.1', ['V1.1.1', 'met', 'checked at the door', '`test/gone.e2e-spec.ts` "refuses a bad thing"']))).toEqual([
        expect.stringContaining('V1.1.1 names test/gone.e2e-spec.ts, which is not a file of the repository'),
      ]);
    });

    it('a quoted test title that is not in the file named before it', () => {
      expect(problems(withRow('V1.1.1', ['V1.1.1', 'met', 'checked at the door', '`test/thing.e2e-spec.ts` "refuses a bad thing with 400", "accepts a good one"']))).toEqual([
        expect.stringContaining('V1.1.1 quotes the test title "accepts a good one", which is not in test/thing.e2e-spec.ts'),
      ]);
    });

    it('a title shortened with an ellipsis when a piece of it is not in the file, and not when every piece is', () => {
      const row = (title: string) => withRow('V1.1.1', ['V1.1.1', 'met', 'checked at the door', `\`test/thing.e2e-spec.ts\` "${title}"`]);
      expect(problems(row('refuses a bad…with 400'))).toEqual([]);
      expect(problems(row('refuses a bad…with 500'))).toEqual([expect.stringContaining('quotes the test title "refuses a bad…with 500"')]);
    });

    it('a quoted title before any file is named', () => {
      expect(problems(withRow('V1.1.1', ['V1.1.1', 'met', 'checked at the door', '"refuses a bad thing with 400" in `test/thing.e2e-spec.ts`']))).toEqual([
        expect.stringContaining('quotes the test title "refuses a bad thing with 400" before naming the file it is in'),
      ]);
    });

    it('a gap without a reason', () => {
      expect(problems(withRow('V2.1.1', ['V2.1.1', 'gap', 'part of it exists', '—']))).toEqual([expect.stringContaining('V2.1.1 is "gap" but gives no reason: say what is missing')]);
    });

    it('a not applicable row without a reason', () => {
      expect(problems(withRow('V1.2.1', ['V1.2.1', 'not applicable', '—', 'n/a']))).toEqual([
        expect.stringContaining('V1.2.1 is "not applicable" but gives no reason: say why it does not apply'),
      ]);
    });

    it('a path in any cell that is not a file of the repository', () => {
      expect(problems(withRow('V2.1.1', ['V2.1.1', 'gap', 'see `docs/missing.txt`', 'Untested: no test holds the rest.']))).toEqual([
        expect.stringContaining('V2.1.1 names docs/missing.txt, which is not a file of the repository'),
      ]);
    });

    it('a document without the section', () => {
      expect(checkAsvs(SMALL, '# Security\n\n## Something else\n', read).problems).toEqual([expect.stringContaining('has no section "ASVS 5.0 Level 2, requirement by requirement"')]);
    });
  });
});
