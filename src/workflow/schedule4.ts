/**
 * IPA Schedule 4 as data (docs/law.md §9): for each kind of authority this system models, the statutory
 * purposes each route may use and the rank its designated senior officer must hold for each kind of data.
 * Pure data and lookups; the guards that apply it are in application-guards.schedule4.ts.
 *
 * The table is keyed by authority type. A type with no row may use no route at all: Part 3 lets only the
 * authorities Sch 4 lists (s.70(2)) and local authorities (s.73) apply, so anything else fails closed.
 * test/fixtures/schedule-4/ holds a transcription of the statute's rows, which a spec compares with this
 * table cell by cell.
 */
import type { AuthorityType } from './roles';
import {
  DATA_CATEGORIES,
  type DataCategory,
  type Route,
  type StatutoryPurpose,
} from './application.types';
import { POLICE_RANKS } from './application-guards.facts';

/** The paragraph letters of IPA s.60A(7) (s.61(7) and s.61A(7) list the same purposes under the same letters). */
export const SECTION_60A_7_LETTERS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'] as const;
export type PurposeLetter = (typeof SECTION_60A_7_LETTERS)[number];

/**
 * Each statutory purpose of the code (`STATUTORY_PURPOSES`) with its letter in IPA s.60A(7): the
 * letters are how Sch 4 names the purposes, so the table below is written in them (docs/law.md §9).
 */
export const PURPOSE_LETTERS: Readonly<Record<StatutoryPurpose, PurposeLetter>> = {
  nationalSecurity: 'a',
  applicableCrime: 'b',
  economicWellBeingNS: 'c',
  publicSafety: 'd',
  preventDeathOrInjury: 'e',
  miscarriageOfJustice: 'f',
  identifyDeceasedOrIncapacitated: 'g',
};

/** The designated senior officer of an authority: its offices, lowest first, and the lowest that may authorise each kind of data. */
export interface Schedule4Dso {
  /** The offices, ranks or positions of the authority, lowest first; a higher one also qualifies (IPA s.70(3)(b)). */
  offices: readonly string[];
  /** Sch 4 columns (3) and (4): the minimum office for entity data, and for all data (events data included). */
  minimumFor: Readonly<Record<DataCategory, string>>;
}

/** One authority type's row. */
export interface Schedule4Row {
  /** Where the row comes from, as cited in docs/law.md §9. */
  source: string;
  /** The purposes specified for each route; a route with no entry is not open to the authority. */
  purposes: Readonly<Partial<Record<Route, readonly PurposeLetter[]>>>;
  /** The authority's DSO; null when it has no DSO route (s.61 and s.61A are then closed to it). */
  dso: Schedule4Dso | null;
}

/**
 * The table (docs/law.md §9). A police force: s.60A for (a)(b)(c)(d)(e)(g); s.61 for (a) and (c) only;
 * s.61A for (a)(b)(c)(e); DSO an inspector for entity data and a superintendent for all data, on s.61 and
 * s.61A alike (IPA Sch 4 Part 1, rows for the territorial police forces). A local authority: s.60A for the
 * applicable crime purpose only and no DSO route (IPA s.73; s.60A(3)(b)). NAFN, OCDA, a judicial office and
 * any other type have no row.
 */
export const SCHEDULE_4: Readonly<Partial<Record<AuthorityType, Schedule4Row>>> = {
  police: {
    source: 'IPA Sch 4 Part 1, territorial police force rows',
    purposes: {
      ipc60A: ['a', 'b', 'c', 'd', 'e', 'g'],
      dso61: ['a', 'c'],
      dso61A: ['a', 'b', 'c', 'e'],
    },
    dso: { offices: POLICE_RANKS, minimumFor: { entity: 'inspector', events: 'superintendent' } },
  },
  localAuthority: {
    source: 'IPA s.73; s.60A(3)(b)',
    purposes: { ipc60A: ['b'] },
    dso: null,
  },
};

/** The row for an authority type, or null when Sch 4 (with s.73) gives it none. */
export function schedule4Row(type: AuthorityType): Schedule4Row | null {
  return Object.prototype.hasOwnProperty.call(SCHEDULE_4, type) ? (SCHEDULE_4[type] ?? null) : null;
}

/** The purposes an authority type may use on a route: empty when the route is not open to it. */
export function purposesOpen(type: AuthorityType, route: Route): readonly StatutoryPurpose[] {
  const letters = schedule4Row(type)?.purposes[route] ?? [];
  return (Object.keys(PURPOSE_LETTERS) as StatutoryPurpose[]).filter((p) => letters.includes(PURPOSE_LETTERS[p]));
}

/**
 * The office a DSO must hold to authorise `categories`: the highest of the minimums for the kinds sought.
 * With nothing sought yet, the minimum for all data, so that an empty list never lowers the bar.
 */
export function dsoMinimumOffice(dso: Schedule4Dso, categories: readonly DataCategory[]): string {
  const sought = categories.length > 0 ? categories : DATA_CATEGORIES;
  return sought
    .map((category) => dso.minimumFor[category])
    .reduce((highest, office) => (dso.offices.indexOf(office) > dso.offices.indexOf(highest) ? office : highest));
}

/** Whether `office` is `minimum` or higher among the DSO's offices; an office the table does not know never is. */
export function officeAtLeast(dso: Schedule4Dso, office: string | null, minimum: string): boolean {
  if (office === null) return false;
  const held = dso.offices.indexOf(office);
  return held >= 0 && held >= dso.offices.indexOf(minimum);
}
