import { writeFileSync } from 'node:fs';
import { renderRulesDoc } from './workflow/rules-doc';

/** Where `npm run docs:rules` writes the rules table (run from the repository root, as npm runs scripts). */
export const RULES_DOC_PATH = 'docs/rules.md';

/**
 * Writes the rules table for inspectors from the rule registry (docs/architecture.md §15). The file is
 * committed; test/rules-doc.spec.ts fails when it differs from what the registry renders.
 */
if (require.main === module) {
  const target = process.argv[2] ?? RULES_DOC_PATH;
  writeFileSync(target, renderRulesDoc());
  console.error(`wrote ${target}`);
}
