import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fixture from '../../test/fixtures/schedule-4/schedule-4-part-1.json';
import { DATA_CATEGORIES, ROUTES, STATUTORY_PURPOSES, type Route } from './application.types';
import { POLICE_RANKS } from './application-guards.facts';
import { AUTHORITY_TYPES, type AuthorityType } from './roles';
import {
  PURPOSE_LETTERS,
  SCHEDULE_4,
  SECTION_60A_7_LETTERS,
  dsoMinimumOffice,
  officeAtLeast,
  purposesOpen,
  schedule4Row,
  type Schedule4Dso,
} from './schedule4';

/**
 * The Schedule 4 table of the code against the statute (docs/law.md §9): test/fixtures/schedule-4 holds a
 * transcription of the Sch 4 Part 1 rows (and the s.73 limits) for every authority type the system
 * models, and every cell of the code's table must say what the transcription says.
 */
interface FixtureDsoRow {
  column3: string;
  column4: string;
  column5: string[];
  column6: string[];
}
interface FixtureRow {
  column1: string[];
  column2: string[];
  dso: FixtureDsoRow[];
}
const rows = fixture.rows as Record<string, FixtureRow>;
const noRow = fixture.noRow as Record<string, string>;

/** The statute names an office in words ("Inspector"); the code by its key in POLICE_RANKS. */
const OFFICE_KEYS: Record<string, string> = { Inspector: 'inspector', Superintendent: 'superintendent' };

/** The purposes the statute's column specifies for a route, by letter. */
function statuteLetters(row: FixtureRow, route: Route): string[] {
  if (route === 'ipc60A') return row.column2;
  const columns = row.dso.map((dso) => (route === 'dso61' ? dso.column5 : dso.column6));
  // The statute repeats the purposes on each office's line of a row; they must agree to be one cell.
  for (const column of columns) expect(column).toEqual(columns[0]);
  return columns[0] ?? [];
}

describe('the Schedule 4 table against the statute (test/fixtures/schedule-4)', () => {
  it('names its source', () => {
    expect(fixture.source.url).toMatch(/^https:\/\/www\.legislation\.gov\.uk\/ukpga\/2016\/25\/schedule\/4\//);
    expect(fixture.source.title).toContain('Schedule 4, Part 1');
  });

  it('covers every authority type the system models: a row, or a reason for none', () => {
    const covered = [...Object.keys(rows), ...Object.keys(noRow)].sort();
    expect(covered).toEqual([...AUTHORITY_TYPES].sort());
    expect(Object.keys(SCHEDULE_4).sort()).toEqual(Object.keys(rows).sort());
  });

  it('maps the statutory purposes of the code onto the letters of s.60A(7), one to one', () => {
    expect(Object.keys(PURPOSE_LETTERS).sort()).toEqual([...STATUTORY_PURPOSES].sort());
    expect(Object.values(PURPOSE_LETTERS).sort()).toEqual([...SECTION_60A_7_LETTERS]);
    expect(Object.keys(fixture.section60A7)).toEqual([...SECTION_60A_7_LETTERS]);
  });

  it('gives each purpose the letter docs/law.md §9 gives it', () => {
    const law = readFileSync(join(__dirname, '../../docs/law.md'), 'utf8');
    const section = law.slice(law.indexOf('## §9 '));
    const documented = [...section.matchAll(/^\| \(([a-g])\) \| [^|]+ \| `(\w+)` \|$/gm)].map((m) => [m[2], m[1]]);
    expect(Object.fromEntries(documented)).toEqual(PURPOSE_LETTERS);
  });

  const cells = Object.keys(rows).flatMap((type) => ROUTES.map((route) => [type, route] as const));
  it.each(cells)('%s, %s: the purposes agree with the statute', (type, route) => {
    const encoded = schedule4Row(type as AuthorityType)?.purposes[route] ?? [];
    expect([...encoded].sort()).toEqual([...statuteLetters(rows[type], route)].sort());
  });

  it.each(Object.keys(rows))('%s: the DSO office for each kind of data agrees with columns (3) and (4)', (type) => {
    const row = rows[type];
    const dso = schedule4Row(type as AuthorityType)?.dso ?? null;
    if (row.dso.length === 0) {
      expect(dso).toBeNull();
      return;
    }
    const office = (column4: string) => OFFICE_KEYS[row.dso.find((line) => line.column4 === column4)!.column3];
    expect(dso?.minimumFor).toEqual({ entity: office('Entity data'), events: office('All') });
    // An officer for "all" data may authorise entity data too, so the office for all data is the higher.
    expect(dso!.offices.indexOf(dso!.minimumFor.events)).toBeGreaterThanOrEqual(dso!.offices.indexOf(dso!.minimumFor.entity));
  });

  it.each(Object.keys(noRow))('%s has no row, so no route is open to it', (type) => {
    expect(schedule4Row(type as AuthorityType)).toBeNull();
    for (const route of ROUTES) expect(purposesOpen(type as AuthorityType, route)).toEqual([]);
  });

  it('uses only letters of s.60A(7) and offices of its own list', () => {
    for (const row of Object.values(SCHEDULE_4)) {
      for (const letters of Object.values(row.purposes)) {
        for (const letter of letters) expect(SECTION_60A_7_LETTERS).toContain(letter);
      }
      if (row.dso !== null) {
        for (const category of DATA_CATEGORIES) expect(row.dso.offices).toContain(row.dso.minimumFor[category]);
      }
    }
  });
});

describe('schedule4Row', () => {
  it('gives the police and local-authority rows, and null for every other type', () => {
    expect(schedule4Row('police')?.purposes.dso61).toEqual(['a', 'c']);
    expect(schedule4Row('localAuthority')?.dso).toBeNull();
    for (const type of ['nafn', 'ocda', 'judicialOffice', 'other'] as const) expect(schedule4Row(type)).toBeNull();
  });
  it('does not read inherited properties as rows', () => {
    expect(schedule4Row('toString' as AuthorityType)).toBeNull();
  });
});

describe('purposesOpen', () => {
  it('gives the purposes in the code’s names', () => {
    expect(purposesOpen('police', 'dso61')).toEqual(['nationalSecurity', 'economicWellBeingNS']);
    expect(purposesOpen('police', 'dso61A')).toEqual(['nationalSecurity', 'applicableCrime', 'economicWellBeingNS', 'preventDeathOrInjury']);
    expect(purposesOpen('localAuthority', 'ipc60A')).toEqual(['applicableCrime']);
    expect(purposesOpen('localAuthority', 'dso61A')).toEqual([]);
  });
});

describe('dsoMinimumOffice', () => {
  const police = SCHEDULE_4.police!.dso!;
  it('is the higher office when both kinds of data are sought', () => {
    expect(dsoMinimumOffice(police, ['entity'])).toBe('inspector');
    expect(dsoMinimumOffice(police, ['events'])).toBe('superintendent');
    expect(dsoMinimumOffice(police, ['entity', 'events'])).toBe('superintendent');
  });
  it('never lowers the bar when nothing is sought yet', () => {
    expect(dsoMinimumOffice(police, [])).toBe('superintendent');
  });
  it('follows the order of the offices, not of the kinds', () => {
    const inverted: Schedule4Dso = { offices: ['low', 'high'], minimumFor: { entity: 'high', events: 'low' } };
    expect(dsoMinimumOffice(inverted, ['entity', 'events'])).toBe('high');
  });
});

describe('officeAtLeast', () => {
  const police = SCHEDULE_4.police!.dso!;
  it('accepts the office and any higher one', () => {
    expect(officeAtLeast(police, 'inspector', 'inspector')).toBe(true);
    expect(officeAtLeast(police, 'chiefConstable', 'superintendent')).toBe(true);
  });
  it('refuses a lower, unknown or missing office', () => {
    expect(officeAtLeast(police, 'chiefInspector', 'superintendent')).toBe(false);
    expect(officeAtLeast(police, 'Head of Fraud', 'inspector')).toBe(false);
    expect(officeAtLeast(police, null, 'inspector')).toBe(false);
  });
  it('orders police offices as POLICE_RANKS does', () => {
    expect(police.offices).toEqual(POLICE_RANKS);
  });
});
