/**
 * Application guards that apply IPA Schedule 4 (docs/law.md §9; docs/architecture.md §7.1): whether the
 * applicant's authority may use the route for the purpose given, and whether a DSO holds the office the
 * Schedule sets for the data sought. Both read the one table in schedule4.ts, so an authority type without
 * a row there fails closed. Import through application.guards.ts. Every exported function carries TSDoc
 * citing docs/law.md and has a `describe('<name>')` block in application-guards.schedule4.spec.ts
 * (application.guards.meta.spec.ts).
 */
import { includes } from './guard-support';
import { DATA_CATEGORIES, STATUTORY_PURPOSES } from './application.types';
import { APPLICATION_RULE_CODES as C, type GuardFailure } from './application-guards.rule-codes';
import type { GuardInput } from './application-guards.facts';
import { resolveDecider } from './application-guards.authoriser';
import { dataItemsOf, fail, routeOf } from './application-guards.support';
import { PURPOSE_LETTERS, dsoMinimumOffice, officeAtLeast, schedule4Row } from './schedule4';

/**
 * The applicant's authority may use the route for the statutory purpose given (docs/law.md §9). In order:
 * the authority type has a row — Part 3 lets only the authorities Sch 4 lists and local authorities apply
 * (IPA s.70(2), s.73), so any other type is refused, whatever the route (SCH4_AUTHORITY_NOT_LISTED); the
 * route is chosen and open to it — Sch 4 Part 1 columns (2), (5) and (6) name the purposes of s.60A(7),
 * s.61(7) and s.61A(7) specified for it, and s.73 leaves a local authority s.60A alone
 * (SCH4_ROUTE_NOT_AVAILABLE); the purpose is one of s.60A(7)(a)–(g) (PURPOSE_NOT_STATUTORY); and that
 * purpose is specified for the authority on the route (SCH4_PURPOSE_NOT_SPECIFIED). So a police force's
 * `dso61` application for the applicable crime purpose is refused: its s.61 column holds (a) and (c) only.
 */
export function schedule4RouteAndPurpose(input: GuardInput): GuardFailure | null {
  const { application } = input;
  const row = schedule4Row(application.authorityType);
  if (row === null) {
    return fail(
      C.SCH4_AUTHORITY_NOT_LISTED,
      `an authority of type ${application.authorityType} is not a relevant public authority under Schedule 4, so it may use no route`,
    );
  }
  const route = routeOf(application);
  const letters = route === null ? undefined : row.purposes[route];
  if (route === null || letters === undefined || letters.length === 0) {
    return fail(
      C.SCH4_ROUTE_NOT_AVAILABLE,
      route === null
        ? 'no route is chosen'
        : `Schedule 4 opens route ${route} to no purpose of an authority of type ${application.authorityType}`,
      ['route'],
    );
  }
  const purpose = application.form.statutoryPurpose;
  if (!includes(STATUTORY_PURPOSES, purpose)) {
    return fail(C.PURPOSE_NOT_STATUTORY, 'the statutory purpose is missing or not recognised', ['statutoryPurpose']);
  }
  if (letters.includes(PURPOSE_LETTERS[purpose])) return null;
  return fail(
    C.SCH4_PURPOSE_NOT_SPECIFIED,
    `Schedule 4 does not specify purpose (${PURPOSE_LETTERS[purpose]}) ${purpose} for route ${route} of an authority of type ${application.authorityType}; it specifies (${letters.join('), (')})`,
    ['statutoryPurpose'],
  );
}

/**
 * On a DSO route (`dso61`, `dso61A`) the decider — by person id, not the recorder — holds at least the
 * office Schedule 4 sets for the kinds of data sought, the highest applying (docs/law.md §9; IPA s.70(3);
 * Sch 4 Part 1 columns (3) and (4): for a police force an inspector for entity data and a superintendent
 * for all data, on s.61 and s.61A alike; IPCO-18 Table 5 counts a wrong rank as an error). An authority
 * type without a row, or whose row has no DSO (a local authority, s.73), has no one of sufficient office:
 * refused with the Schedule's code rather than passed. Other routes have no DSO and pass.
 */
export function dsoRankSufficient(input: GuardInput): GuardFailure | null {
  const { application } = input;
  const route = routeOf(application);
  if (route !== 'dso61' && route !== 'dso61A') return null;
  const row = schedule4Row(application.authorityType);
  if (row === null) {
    return fail(
      C.SCH4_AUTHORITY_NOT_LISTED,
      `an authority of type ${application.authorityType} is not a relevant public authority under Schedule 4`,
    );
  }
  if (row.dso === null) {
    return fail(C.SCH4_ROUTE_NOT_AVAILABLE, `an authority of type ${application.authorityType} has no designated senior officer`, [
      'route',
    ]);
  }
  const categories = DATA_CATEGORIES.filter((category) => dataItemsOf(application.form).some((item) => item.category === category));
  const required = dsoMinimumOffice(row.dso, categories);
  const decider = resolveDecider(input).facts;
  if (decider !== null && officeAtLeast(row.dso, decider.rank, required)) return null;
  return fail(
    C.DSO_RANK_INSUFFICIENT,
    `the DSO must hold at least the rank of ${required} (holds ${decider?.rank ?? 'unknown'})`,
  );
}
