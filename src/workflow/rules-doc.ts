/**
 * The rules table for inspectors, docs/rules.md (docs/architecture.md §15), rendered from the rule
 * registry: every rule code with its words and citation (APPLICATION_RULE_CATALOGUE, CD_ERROR_RULE_CATALOGUE,
 * DISCLOSURE_REQUEST_RULE_CATALOGUE),
 * whether it is about who acts (the kinds), the events whose guards may refuse with it (the policy tables
 * and the codes each guard declares), the routes it can arise on, and the Schedule 4 table the guards read.
 * Pure: the text only. `npm run docs:rules` writes it; test/rules-doc.spec.ts fails when the committed
 * file differs.
 */
import { eventsRefusingWith, type GuardCodesTable, type PolicyTable } from './core/policy';
import type { RuleDescription, RuleKind } from './core/rules';
import {
  APPLICATION_RULE_CATALOGUE,
  APPLICATION_RULE_CODES,
  APPLICATION_RULE_KINDS,
} from './application-guards.rule-codes';
import { APPLICATION_EVENT_RULES, APPLICATION_GUARD_CODES } from './application.policy';
import { DATA_CATEGORIES, ROUTES, type Route, type StatutoryPurpose } from './application.types';
import { STATUTORY_PURPOSE_LABELS } from './application.labels';
import { CD_ERROR_RULE_CATALOGUE, CD_ERROR_RULE_CODES, CD_ERROR_RULE_KINDS } from './cd-error.rule-codes';
import { CD_ERROR_EVENT_RULES, CD_ERROR_GUARD_CODES } from './cd-error.policy';
import {
  DISCLOSURE_REQUEST_RULE_CATALOGUE,
  DISCLOSURE_REQUEST_RULE_CODES,
  DISCLOSURE_REQUEST_RULE_KINDS,
} from './disclosure-request.rule-codes';
import { DISCLOSURE_REQUEST_EVENT_RULES, DISCLOSURE_REQUEST_GUARD_CODES } from './disclosure-request.policy';
import { AUTHORITY_TYPES } from './roles';
import { PURPOSE_LETTERS, schedule4Row, type PurposeLetter } from './schedule4';

/** The command that regenerates the file; the stale-file check names it. */
export const RULES_DOC_COMMAND = 'npm run docs:rules';

/** The rule's kind in words (src/http decides what a kind means on the wire; the text says so in words). */
const ABOUT: Readonly<Record<RuleKind, string>> = {
  actor: 'who acts',
  content: 'the case and the law',
};

const ROUTE_SECTIONS: Readonly<Record<Route, string>> = { ipc60A: 's.60A', dso61: 's.61', dso61A: 's.61A' };

/** A table cell: one line, no column break. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function row(cells: readonly string[]): string {
  return `| ${cells.map(cell).join(' | ')} |`;
}

function list(items: readonly string[]): string {
  return items.length === 0 ? '—' : items.join(', ');
}

interface RuleRowsSpec<C extends string, E extends string, G extends string> {
  codes: readonly C[];
  catalogue: Readonly<Record<C, RuleDescription & { routes?: readonly Route[] }>>;
  kinds: Readonly<Record<C, RuleKind>>;
  policy: PolicyTable<E, G>;
  guardCodes: GuardCodesTable<G, C>;
  withRoutes: boolean;
}

function ruleRows<C extends string, E extends string, G extends string>(spec: RuleRowsSpec<C, E, G>): string[] {
  const header = ['Code', 'About', 'What it requires', 'Citation', 'Events it can refuse'];
  if (spec.withRoutes) header.push('Routes');
  const lines = [row(header), row(header.map(() => '---'))];
  for (const code of spec.codes) {
    const entry = spec.catalogue[code];
    const events = eventsRefusingWith(spec.policy, spec.guardCodes, code).map((e) => `\`${e}\``);
    const cells = [`\`${code}\``, ABOUT[spec.kinds[code]], entry.message, entry.citation, list(events)];
    if (spec.withRoutes) cells.push(entry.routes === undefined ? 'all' : entry.routes.map((r) => `\`${r}\``).join(', '));
    lines.push(row(cells));
  }
  return lines;
}

function letters(purposes: readonly PurposeLetter[] | undefined): string {
  if (purposes === undefined || purposes.length === 0) return 'not open';
  const purposeOf = (letter: PurposeLetter) =>
    (Object.keys(PURPOSE_LETTERS) as StatutoryPurpose[]).find((purpose) => PURPOSE_LETTERS[purpose] === letter);
  return purposes
    .map((letter) => {
      const purpose = purposeOf(letter);
      return `(${letter}) ${purpose === undefined ? 'no purpose of the code' : STATUTORY_PURPOSE_LABELS[purpose]}`;
    })
    .join('; ');
}

function schedule4Rows(): string[] {
  const header = [
    'Authority type',
    'Source',
    ...ROUTES.map((route) => `\`${route}\` (${ROUTE_SECTIONS[route]}) purposes`),
    ...DATA_CATEGORIES.map((category) => `DSO for ${category === 'entity' ? 'entity data' : 'events data'}`),
  ];
  const lines = [row(header), row(header.map(() => '---'))];
  for (const type of AUTHORITY_TYPES) {
    const found = schedule4Row(type);
    if (found === null) {
      lines.push(row([`\`${type}\``, 'no row', ...ROUTES.map(() => 'not open'), ...DATA_CATEGORIES.map(() => '—')]));
      continue;
    }
    lines.push(
      row([
        `\`${type}\``,
        found.source,
        ...ROUTES.map((route) => letters(found.purposes[route])),
        ...DATA_CATEGORIES.map((category) => (found.dso === null ? 'no DSO' : `${found.dso.minimumFor[category]} or higher`)),
      ]),
    );
  }
  return lines;
}

/** docs/rules.md, as the registry gives it. */
export function renderRulesDoc(): string {
  const lines = [
    '# Rules',
    '',
    `<!-- Generated from the rule registry by \`${RULES_DOC_COMMAND}\`: do not edit by hand. test/rules-doc.spec.ts fails when this file is stale. -->`,
    '',
    'Every rule the workflow applies before it moves an application or a CD error register entry, by the code a',
    'refusal carries. "What it requires" is the rule in plain English (a refusal\'s `detail` says what was wrong',
    'in the case at hand); "Citation" is the section of [law.md](law.md) that explains the rule and its source in',
    'the Act, a Code of Practice or an oversight report; "Events it can refuse" are the events whose guards may',
    'answer with the code, from the policy tables. "About" says whether the rule is about who acts (the sender,',
    'or the decider they name: answered 403) or about the case and the law (the record, what the event carries',
    'and what the law allows: answered 422; [architecture.md](architecture.md) §5).',
    '',
    '## Applications',
    '',
    '"Routes" are the routes on which the rule can arise; "all" when it is not tied to one.',
    '',
    ...ruleRows({
      codes: Object.keys(APPLICATION_RULE_CODES) as (keyof typeof APPLICATION_RULE_CODES)[],
      catalogue: APPLICATION_RULE_CATALOGUE,
      kinds: APPLICATION_RULE_KINDS,
      policy: APPLICATION_EVENT_RULES,
      guardCodes: APPLICATION_GUARD_CODES,
      withRoutes: true,
    }),
    '',
    '## CD error register',
    '',
    ...ruleRows({
      codes: Object.keys(CD_ERROR_RULE_CODES) as (keyof typeof CD_ERROR_RULE_CODES)[],
      catalogue: CD_ERROR_RULE_CATALOGUE,
      kinds: CD_ERROR_RULE_KINDS,
      policy: CD_ERROR_EVENT_RULES,
      guardCodes: CD_ERROR_GUARD_CODES,
      withRoutes: false,
    }),
    '',
    '## Disclosure requests',
    '',
    ...ruleRows({
      codes: Object.keys(DISCLOSURE_REQUEST_RULE_CODES) as (keyof typeof DISCLOSURE_REQUEST_RULE_CODES)[],
      catalogue: DISCLOSURE_REQUEST_RULE_CATALOGUE,
      kinds: DISCLOSURE_REQUEST_RULE_KINDS,
      policy: DISCLOSURE_REQUEST_EVENT_RULES,
      guardCodes: DISCLOSURE_REQUEST_GUARD_CODES,
      withRoutes: false,
    }),
    '',
    '## Schedule 4 as encoded',
    '',
    'The table the Schedule 4 rules read (`SCH4_*` and `DSO_RANK_INSUFFICIENT`; [law.md](law.md) §9): for each',
    'kind of authority, the purposes of s.60A(7), s.61(7) and s.61A(7) each route may be used for, and the lowest',
    'office of the designated senior officer for each kind of data. An authority type with no row may use no',
    'route.',
    '',
    ...schedule4Rows(),
    '',
  ];
  return lines.join('\n');
}
