import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APPLICATION_RULE_CATALOGUE, APPLICATION_RULE_CODES } from '../src/workflow/application-guards.rule-codes';
import { CD_ERROR_RULE_CODES } from '../src/workflow/cd-error.rule-codes';
import { RULES_DOC_COMMAND, renderRulesDoc } from '../src/workflow/rules-doc';
import { RULES_DOC_PATH } from '../src/rules-doc-export';

/**
 * docs/rules.md, the rules table for inspectors, is generated from the rule registry (docs/architecture.md
 * §15). CI runs every spec, so this one fails the build when the committed file is not what the registry
 * renders now, and says how to regenerate it.
 */
const committedPath = join(__dirname, '..', RULES_DOC_PATH);
const committed = readFileSync(committedPath, 'utf8');
const rendered = renderRulesDoc();

/** The first line that differs, for a message a person can act on. */
function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  const at = left.findIndex((line, i) => line !== right[i]);
  const index = at === -1 ? left.length : at;
  return `line ${index + 1}:\n  committed: ${left[index] ?? '(end of file)'}\n  generated: ${right[index] ?? '(end of file)'}`;
}

describe('docs/rules.md', () => {
  it('is what the rule registry renders now', () => {
    if (committed !== rendered) {
      throw new Error(`${RULES_DOC_PATH} is stale: run \`${RULES_DOC_COMMAND}\` and commit the result.\nFirst difference, ${firstDifference(committed, rendered)}`);
    }
  });

  it('has one row for every rule code of both aggregates', () => {
    for (const code of [...Object.keys(APPLICATION_RULE_CODES), ...Object.keys(CD_ERROR_RULE_CODES)]) {
      expect(rendered).toMatch(new RegExp(`^\\| \`${code}\` \\|`, 'm'));
    }
  });

  it('prints each rule’s words, citation and the events derived from the policy', () => {
    const row = rendered.split('\n').find((line) => line.startsWith('| `SCH4_PURPOSE_NOT_SPECIFIED` |'));
    expect(row).toContain(APPLICATION_RULE_CATALOGUE.SCH4_PURPOSE_NOT_SPECIFIED.message);
    expect(row).toContain(APPLICATION_RULE_CATALOGUE.SCH4_PURPOSE_NOT_SPECIFIED.citation);
    expect(row).toContain('`SUBMIT_URGENT_WITHOUT_SPOC`, `SUBMIT_FOR_AUTHORISATION`, `GRANT`');
    const rank = rendered.split('\n').find((line) => line.startsWith('| `DSO_RANK_INSUFFICIENT` |'));
    expect(rank).toMatch(/\| `GRANT` \| `dso61`, `dso61A` \|$/);
  });

  it('prints the Schedule 4 table as encoded, a row for every authority type', () => {
    const table = rendered.slice(rendered.indexOf('## Schedule 4 as encoded'));
    expect(table).toContain(
      '| `police` | IPA Sch 4 Part 1, territorial police force rows | (a) National security; (b) The applicable crime purpose;',
    );
    expect(table).toMatch(/\| `police` \|.*\| \(a\) National security; \(c\) Economic well-being so far as relevant to national security \|/);
    expect(table).toMatch(/\| `police` \|.*\| inspector or higher \| superintendent or higher \|$/m);
    expect(table).toMatch(/^\| `localAuthority` \| IPA s\.73; s\.60A\(3\)\(b\) \| \(b\) The applicable crime purpose \| not open \| not open \| no DSO \| no DSO \|$/m);
    for (const type of ['nafn', 'ocda', 'judicialOffice', 'other']) {
      expect(table).toMatch(new RegExp(`^\\| \`${type}\` \\| no row \\| not open \\| not open \\| not open \\|`, 'm'));
    }
  });

  it('tells a reader it is generated and how', () => {
    expect(rendered).toContain(`\`${RULES_DOC_COMMAND}\``);
    expect(RULES_DOC_COMMAND).toBe('npm run docs:rules');
    const scripts = (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['docs:rules']).toBe('npm run build && node dist/src/rules-doc-export.js');
  });
});
