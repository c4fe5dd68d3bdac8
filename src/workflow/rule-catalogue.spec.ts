import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APPLICATION_UNDER_TEST, CD_ERROR_UNDER_TEST, DISCLOSURE_REQUEST_UNDER_TEST } from '../../test/support/workflow-arbitraries';
import { eventsRefusingWith, type GuardCodesTable, type PolicyTable } from './core/policy';
import type { RuleDescription } from './core/rules';
import { APPLICATION_RULE_CATALOGUE, APPLICATION_RULE_CODES } from './application-guards.rule-codes';
import { APPLICATION_EVENT_RULES, APPLICATION_GUARD_CODES } from './application.policy';
import { ROUTES } from './application.types';
import { CD_ERROR_RULE_CATALOGUE, CD_ERROR_RULE_CODES } from './cd-error.rule-codes';
import { CD_ERROR_EVENT_RULES, CD_ERROR_GUARD_CODES } from './cd-error.policy';
import { DISCLOSURE_REQUEST_RULE_CATALOGUE, DISCLOSURE_REQUEST_RULE_CODES } from './disclosure-request.rule-codes';
import { DISCLOSURE_REQUEST_GUARD_CODES } from './disclosure-request.policy';

/**
 * The rule registry the rules table is generated from (docs/architecture.md §15) says what the guards do:
 * every code has words and a citation of a section of docs/law.md that exists, no guard refuses with a
 * code it does not declare (checked with the generated inputs of the §7 properties), and every code can
 * be met through some event.
 */
const LAW_SECTIONS = new Set(
  [...readFileSync(join(__dirname, '../../docs/law.md'), 'utf8').matchAll(/^#{1,6}\s+§([\d.]*\d)/gm)].map((m) => m[1]),
);

function describeCatalogue<C extends string>(name: string, codes: readonly C[], catalogue: Readonly<Record<C, RuleDescription>>) {
  describe(`${name}: words and citations`, () => {
    it('has an entry for every rule code and none besides', () => {
      expect(Object.keys(catalogue).sort()).toEqual([...codes].sort());
    });

    it.each([...codes])('%s: a sentence in plain English, and a citation of docs/law.md and a source', (code) => {
      const { message, citation } = catalogue[code];
      expect(message).toMatch(/^[A-Z].*\.$/);
      expect(message).not.toMatch(/\b[A-Z]+_[A-Z_]+\b/);
      const cited = /^docs\/law\.md §([\d.]*\d)(?:, §[\d.]*\d)*; \S/.exec(citation);
      expect(cited).not.toBeNull();
      expect(LAW_SECTIONS.has(cited![1])).toBe(true);
    });
  });
}

function describeGuardCodes<E extends string, G extends string, C extends string, I>(
  name: string,
  a: {
    guards: Readonly<Record<G, (input: I) => { code: C } | null>>;
    policy: PolicyTable<E, G>;
    eventTypes: readonly E[];
    factsArb: fc.Arbitrary<unknown>;
    actorArb: fc.Arbitrary<unknown>;
    payloadArb: fc.Arbitrary<unknown>;
    input: (facts: never, actor: never, type: E, payload: never) => I;
  },
  guardCodes: GuardCodesTable<G, C>,
  codes: readonly C[],
) {
  describe(`${name}: the codes each guard declares`, () => {
    const ids = Object.keys(a.guards) as G[];
    const eventsRunning = (id: G) => a.eventTypes.filter((type) => a.policy[type].guards.includes(id));

    it('declares codes for every guard of the registry, and only codes of the catalogue', () => {
      expect(Object.keys(guardCodes).sort()).toEqual([...ids].sort());
      for (const id of ids) for (const code of guardCodes[id]) expect(codes).toContain(code);
    });

    it.each(ids)('%s refuses only with a code it declares', (id) => {
      fc.assert(
        fc.property(a.factsArb, a.actorArb, fc.constantFrom(...eventsRunning(id)), a.payloadArb, (facts, actor, type, payload) => {
          const failure = a.guards[id](a.input(facts as never, actor as never, type, payload as never));
          if (failure !== null) expect(guardCodes[id]).toContain(failure.code);
        }),
        { numRuns: 400 },
      );
    });

    it('every rule code is declared by a guard that some event runs', () => {
      const unreachable = codes.filter((code) => eventsRefusingWith(a.policy, guardCodes, code).length === 0);
      expect(unreachable).toEqual([]);
    });
  });
}

const APPLICATION_CODES = Object.keys(APPLICATION_RULE_CODES) as (keyof typeof APPLICATION_RULE_CODES)[];
const CD_ERROR_CODES = Object.keys(CD_ERROR_RULE_CODES) as (keyof typeof CD_ERROR_RULE_CODES)[];
const DISCLOSURE_REQUEST_CODES = Object.keys(DISCLOSURE_REQUEST_RULE_CODES) as (keyof typeof DISCLOSURE_REQUEST_RULE_CODES)[];

describeCatalogue('APPLICATION_RULE_CATALOGUE', APPLICATION_CODES, APPLICATION_RULE_CATALOGUE);
describeCatalogue('CD_ERROR_RULE_CATALOGUE', CD_ERROR_CODES, CD_ERROR_RULE_CATALOGUE);
describeCatalogue('DISCLOSURE_REQUEST_RULE_CATALOGUE', DISCLOSURE_REQUEST_CODES, DISCLOSURE_REQUEST_RULE_CATALOGUE);
describeGuardCodes('APPLICATION_GUARD_CODES', APPLICATION_UNDER_TEST, APPLICATION_GUARD_CODES, APPLICATION_CODES);
describeGuardCodes('CD_ERROR_GUARD_CODES', CD_ERROR_UNDER_TEST, CD_ERROR_GUARD_CODES, CD_ERROR_CODES);
describeGuardCodes('DISCLOSURE_REQUEST_GUARD_CODES', DISCLOSURE_REQUEST_UNDER_TEST, DISCLOSURE_REQUEST_GUARD_CODES, DISCLOSURE_REQUEST_CODES);

describe('APPLICATION_RULE_CATALOGUE: routes and Schedule 4', () => {
  it('names only routes that exist, and never all of them (that is the default)', () => {
    for (const code of APPLICATION_CODES) {
      const { routes } = APPLICATION_RULE_CATALOGUE[code];
      if (routes === undefined) continue;
      expect(routes.length).toBeGreaterThan(0);
      expect(routes.length).toBeLessThan(ROUTES.length);
      for (const route of routes) expect(ROUTES).toContain(route);
    }
  });

  it('cites Schedule 4 and docs/law.md §9 for every rule the Schedule 4 table decides', () => {
    for (const code of ['SCH4_AUTHORITY_NOT_LISTED', 'SCH4_ROUTE_NOT_AVAILABLE', 'SCH4_PURPOSE_NOT_SPECIFIED', 'DSO_RANK_INSUFFICIENT'] as const) {
      expect(APPLICATION_RULE_CATALOGUE[code].citation).toMatch(/^docs\/law\.md §9; .*Sch 4 Part 1/);
    }
  });

  it('the Schedule 4 rules can refuse SUBMIT_FOR_AUTHORISATION, SUBMIT_URGENT_WITHOUT_SPOC and GRANT', () => {
    for (const code of ['SCH4_AUTHORITY_NOT_LISTED', 'SCH4_ROUTE_NOT_AVAILABLE', 'SCH4_PURPOSE_NOT_SPECIFIED'] as const) {
      expect(eventsRefusingWith(APPLICATION_EVENT_RULES, APPLICATION_GUARD_CODES, code)).toEqual([
        'SUBMIT_URGENT_WITHOUT_SPOC',
        'SUBMIT_FOR_AUTHORISATION',
        'GRANT',
      ]);
    }
  });
});

describe('eventsRefusingWith', () => {
  it('lists, in the policy’s order, the events one of whose guards declares the code', () => {
    expect(eventsRefusingWith(CD_ERROR_EVENT_RULES, CD_ERROR_GUARD_CODES, 'REASON_REQUIRED')).toEqual(['DISMISS']);
    expect(eventsRefusingWith(CD_ERROR_EVENT_RULES, CD_ERROR_GUARD_CODES, 'ERROR_REPORT_INCOMPLETE')).toEqual([
      'RECORD',
      'ASSESS',
      'REPORT_TO_IPC',
    ]);
  });
});
