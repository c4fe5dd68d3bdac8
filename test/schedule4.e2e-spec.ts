/**
 * IPA Schedule 4 over HTTP (docs/law.md §9; docs/architecture.md §7.1). Driven by the transcription of the
 * statute in test/fixtures/schedule-4, not by the code's table: for every authority type with a row and
 * every route, each purpose of s.60A(7) goes to SUBMIT_FOR_AUTHORISATION, and those the statute specifies
 * pass (and are granted) while the others are refused with the Schedule's code; an authority type with no
 * row is refused on every route; and a DSO's rank is checked for each kind of data. Every refusal changes
 * nothing (`expectRefusedEvent`).
 */
import { randomUUID } from 'node:crypto';
import fixture from './fixtures/schedule-4/schedule-4-part-1.json';
import { AuthorityEntity } from '../src/auth/authority.entity';
import { PasswordHasher } from '../src/auth/password-hasher';
import { UserEntity } from '../src/auth/user.entity';
import { ROUTES, STATUTORY_PURPOSES, type Route, type StatutoryPurpose } from '../src/workflow/application.types';
import type { AuthorityType, Role } from '../src/workflow/roles';
import { PURPOSE_LETTERS } from '../src/workflow/schedule4';
import { completeForm, createApplication, GRANT_DECISION, SPOC_SECTION, step, type AppRecord } from './support/applications';
import { expectRefusedEvent } from './support/guards-no-change';
import { createTestApp, DEMO_PASSWORD, type TestApp } from './support/test-app';

interface FixtureRow {
  column2: string[];
  dso: { column3: string; column4: string; column5: string[]; column6: string[] }[];
}
const rows = fixture.rows as Record<string, FixtureRow>;
const noRow = Object.keys(fixture.noRow) as AuthorityType[];

/** The purposes the statute specifies for the authority type on the route (column 2, 5 or 6), by letter. */
function specified(type: string, route: Route): readonly string[] {
  const row = rows[type];
  if (route === 'ipc60A') return row.column2;
  return row.dso[0]?.[route === 'dso61' ? 'column5' : 'column6'] ?? [];
}

/** Who applies and who reviews for each authority type the demo seeds. */
const PEOPLE: Record<string, { applicant: string; spoc: string }> = {
  police: { applicant: 'applicant', spoc: 'spoc' },
  localAuthority: { applicant: 'la-applicant', spoc: 'nafn-spoc' },
};

const URGENT = { priorityGrade: 'grade1', urgencyJustification: 'A missing child is believed to be with the suspect tonight.' };
const ROBBERY = { offences: [{ description: 'Robbery', statute: 'Theft Act 1968 s.8', maxSentenceAdultMonths: 999 }], seriousCrimeBasis: 'twelveMonthsPlus' };
const PERIOD = { periodKind: 'historic', periodStart: '2026-03-01T00:00:00+00:00', periodEnd: '2026-03-02T00:00:00+00:00', csp: 'Vodafone' };
const ENTITY = { ref: 'd1', identifierRef: 'id1', category: 'entity', subtype: 'subscriber', ...PERIOD, icrCondition: null };
const EVENTS = { ref: 'd2', identifierRef: 'id1', category: 'events', subtype: 'callDataRecords', ...PERIOD, icrCondition: null };

/** A complete form for `purpose` on `route`: offences only for the crime purpose, the urgency fields on dso61A. */
function formFor(route: Route, purpose: StatutoryPurpose, over: Record<string, unknown> = {}): Record<string, unknown> {
  const crime = purpose === 'applicableCrime' ? ROBBERY : { offences: null, seriousCrimeBasis: null };
  return completeForm({ route, statutoryPurpose: purpose, ...crime, ...(route === 'dso61A' ? URGENT : {}), ...over });
}

/** The decision a grant carries, with what IPA s.64(1) asks a grant to state. */
function decision(officeRank: string) {
  return { type: 'GRANT', decision: { ...GRANT_DECISION, officeRank } };
}

describe('Schedule 4 over HTTP (docs/law.md §9; test/fixtures/schedule-4)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function addUser(username: string, authorityId: string, roles: Role[], extra: { rank?: string; spocPin?: string } = {}) {
    await t.dataSource.getRepository(UserEntity).insert({
      id: randomUUID(),
      username,
      displayName: username,
      roles,
      authorityId,
      rank: extra.rank ?? null,
      spocPin: extra.spocPin ?? null,
      active: true,
      passwordHash: await t.app.get(PasswordHasher).hash(DEMO_PASSWORD),
    });
  }

  /** A draft as `applicant`, submitted to its SPOC. */
  async function submitted(applicant: string, form: Record<string, unknown>): Promise<AppRecord> {
    return step(t, applicant, await createApplication(t, applicant, form), { type: 'SUBMIT_TO_SPOC' });
  }

  const SFA = { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION };

  describe.each(Object.keys(rows))('authority type %s', (type) => {
    const cases = ROUTES.flatMap((route) => STATUTORY_PURPOSES.map((purpose) => [route, purpose] as const));

    it.each(cases)('%s for %s: submitted for authorisation as the statute allows', async (route, purpose) => {
      const { applicant, spoc } = PEOPLE[type];
      const app = await submitted(applicant, formFor(route, purpose));
      const letters = specified(type, route);
      if (letters.includes(PURPOSE_LETTERS[purpose])) {
        const awaiting = await step(t, spoc, app, SFA);
        expect(awaiting.status).toBe('awaitingAuthorisation');
        // GRANT checks the Schedule again, and passes what it allows.
        const granted = await step(t, route === 'ipc60A' ? 'ocda' : 'dso', awaiting, decision(route === 'ipc60A' ? 'OCDA authorising officer' : 'Superintendent'));
        expect(granted.status).toBe('authorised');
      } else {
        const code = letters.length === 0 ? 'SCH4_ROUTE_NOT_AVAILABLE' : 'SCH4_PURPOSE_NOT_SPECIFIED';
        const res = await expectRefusedEvent(t, spoc, app, SFA, 422, code);
        expect(res.body.errors).toEqual([{ field: code === 'SCH4_ROUTE_NOT_AVAILABLE' ? 'route' : 'statutoryPurpose', message: res.body.detail, code }]);
      }
    });
  });

  it('refuses a police dso61 application for the applicable crime purpose, citing Schedule 4, and shows why before it is sent', async () => {
    const app = await submitted('applicant', formFor('dso61', 'applicableCrime'));
    const seen = await t.http().get(`/applications/${app.id}`).set('authorization', `Bearer ${await t.token('spoc')}`).expect(200);
    expect(seen.body.blockedEvents).toContainEqual({ event: 'SUBMIT_FOR_AUTHORISATION', code: 'SCH4_PURPOSE_NOT_SPECIFIED', message: expect.stringContaining('Schedule 4') });
    const res = await expectRefusedEvent(t, 'spoc', app, SFA, 422, 'SCH4_PURPOSE_NOT_SPECIFIED');
    expect(res.body.detail).toMatch(/Schedule 4 does not specify purpose \(b\) applicableCrime for route dso61 .*\(a\), \(c\)/);
  });

  it('checks the Schedule on the urgent route without a SPOC too', async () => {
    const urgent = (purpose: StatutoryPurpose) =>
      createApplication(t, 'applicant', formFor('dso61A', purpose, { exceptionalCircumstances: 'No SPOC on duty could be reached in time.' }));
    await expectRefusedEvent(t, 'applicant', await urgent('publicSafety'), { type: 'SUBMIT_URGENT_WITHOUT_SPOC' }, 422, 'SCH4_PURPOSE_NOT_SPECIFIED');
    const allowed = await step(t, 'applicant', await urgent('preventDeathOrInjury'), { type: 'SUBMIT_URGENT_WITHOUT_SPOC' });
    expect(allowed.status).toBe('awaitingAuthorisation');
  });

  describe('an authority type with no row may use no route (fail closed)', () => {
    it.each(noRow)('%s: refused on every route, through a SPOC and urgently', async (type) => {
      const authorityId = randomUUID();
      await t.dataSource.getRepository(AuthorityEntity).insert({
        id: authorityId,
        name: `Schedule 4 test authority (${type})`,
        type,
        urnPrefix: `S4${type.slice(0, 3).toUpperCase()}`,
        active: true,
        spocAuthorityId: null,
      });
      const applicant = `s4-${type}-applicant`;
      const spoc = `s4-${type}-spoc`;
      await addUser(applicant, authorityId, ['applicant']);
      await addUser(spoc, authorityId, ['spoc'], { spocPin: `S4-${type}-PIN` });
      for (const route of ROUTES) {
        const app = await submitted(applicant, formFor(route, 'nationalSecurity'));
        await expectRefusedEvent(t, spoc, app, SFA, 422, 'SCH4_AUTHORITY_NOT_LISTED');
      }
      const urgent = await createApplication(t, applicant, formFor('dso61A', 'nationalSecurity', { exceptionalCircumstances: 'No SPOC reachable.' }));
      await expectRefusedEvent(t, applicant, urgent, { type: 'SUBMIT_URGENT_WITHOUT_SPOC' }, 422, 'SCH4_AUTHORITY_NOT_LISTED');
    });
  });

  describe('the DSO’s rank for each kind of data (Sch 4 Part 1 columns (3) and (4))', () => {
    beforeAll(async () => {
      const dso = await t.dataSource.getRepository(UserEntity).findOneByOrFail({ username: 'dso' });
      await addUser('dso-inspector', dso.authorityId, ['dso'], { rank: 'inspector' });
      await addUser('dso-chief-inspector', dso.authorityId, ['dso'], { rank: 'chiefInspector' });
    });

    const purposeOf: Record<'dso61' | 'dso61A', StatutoryPurpose> = { dso61: 'nationalSecurity', dso61A: 'applicableCrime' };
    const awaiting = async (route: 'dso61' | 'dso61A', dataItems: unknown[]) =>
      step(t, 'spoc', await submitted('applicant', formFor(route, purposeOf[route], { dataItems })), SFA);

    it.each(['dso61', 'dso61A'] as const)('%s: an inspector grants entity data', async (route) => {
      const granted = await step(t, 'dso-inspector', await awaiting(route, [ENTITY]), decision('Inspector'));
      expect(granted.status).toBe('authorised');
    });

    it.each(['dso61', 'dso61A'] as const)('%s: events data needs a superintendent, alone or with entity data', async (route) => {
      for (const items of [[EVENTS], [ENTITY, EVENTS]]) {
        const app = await awaiting(route, items);
        for (const below of ['dso-inspector', 'dso-chief-inspector']) {
          const res = await expectRefusedEvent(t, below, app, decision('Chief Inspector'), 422, 'DSO_RANK_INSUFFICIENT');
          expect(res.body.detail).toMatch(/at least the rank of superintendent/);
        }
        const granted = await step(t, 'dso', app, decision('Superintendent'));
        expect(granted.status).toBe('authorised');
      }
    });
  });
});
